import { GRANULARITIES } from '@mosaic/exchange-usecase';
import { z } from 'zod';

/** Channels keyed by product; `order` is the subscriber's own orders in those products. */
export const PRODUCT_CHANNELS = ['ticker', 'level2', 'match', 'order', ...GRANULARITIES.map((g) => `candles_${g}`)] as const;
export const PRIVATE_CHANNELS = new Set(['order', 'funds']);

const channelEntry = z.union([z.string().max(64), z.object({ name: z.string().max(64), product_ids: z.array(z.string().max(32)).max(100).optional() })]);

export const subscribeMessage = z.object({
  type: z.enum(['subscribe', 'unsubscribe']),
  product_ids: z.array(z.string().max(32)).max(100).optional(),
  currency_ids: z.array(z.string().max(16)).max(100).optional(),
  channels: z.array(channelEntry).max(32),
  token: z.string().max(4096).optional(),
});

export type SubscribeMessage = z.infer<typeof subscribeMessage>;

/** What one connection listens to: channel → product ids (or currency ids for `funds`). */
export class ConnectionSubscriptions {
  readonly channels = new Map<string, Set<string>>();
  userId: string | undefined;

  add(channel: string, keys: readonly string[]): void {
    let set = this.channels.get(channel);
    if (set === undefined) {
      set = new Set();
      this.channels.set(channel, set);
    }
    for (const key of keys) set.add(key);
  }

  /** Removes the keys, or the whole channel when none are named. */
  remove(channel: string, keys: readonly string[] | undefined): void {
    const set = this.channels.get(channel);
    if (set === undefined) return;
    if (keys === undefined || keys.length === 0) set.clear();
    else for (const key of keys) set.delete(key);
    if (set.size === 0) this.channels.delete(channel);
  }

  has(channel: string, key: string): boolean {
    return this.channels.get(channel)?.has(key) ?? false;
  }

  /** The `subscriptions` reply: every current subscription, the client rebuilds its reconnect list from it. */
  reply() {
    return {
      type: 'subscriptions',
      channels: [...this.channels].map(([name, keys]) =>
        name === 'funds' ? { name, product_ids: [], currency_ids: [...keys] } : { name, product_ids: [...keys] },
      ),
    };
  }
}

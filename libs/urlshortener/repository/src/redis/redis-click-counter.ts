import type { RedisClient } from '@mosaic/kit-cache';
import type { ClickCounter } from '@mosaic/urlshortener-domain';
import { assertClickDeltas } from '../click-deltas';

export interface RedisClickCounterOptions {
  /** Prefix of the counter keys ("<namespace>:<code>"), e.g. "urlshortener:clicks". */
  namespace: string;
}

/**
 * Click totals in Redis, one integer key per code. A batch is one MULTI/EXEC, so it
 * is stored whole or not at all; when the reply is lost the buffer re-sends the
 * batch, trading a rare double count for never losing clicks.
 */
export class RedisClickCounter implements ClickCounter {
  private readonly prefix: string;

  constructor(
    private readonly client: RedisClient,
    options: RedisClickCounterOptions,
  ) {
    if (!options.namespace) throw new TypeError('a Redis click counter needs a namespace');
    this.prefix = `${options.namespace}:`;
  }

  async add(deltas: ReadonlyMap<string, number>): Promise<void> {
    assertClickDeltas(deltas);
    if (deltas.size === 0) return;
    const transaction = this.client.multi();
    for (const [code, delta] of deltas) transaction.incrby(this.prefix + code, delta);
    const replies = await transaction.exec();
    // exec() resolves null when the transaction was discarded, and per-command errors in place.
    if (replies === null) throw new Error('Redis discarded the click batch');
    const failed = replies.find(([error]) => error !== null);
    if (failed) throw failed[0];
  }

  async count(code: string): Promise<number> {
    const value = await this.client.get(this.prefix + code);
    return value === null ? 0 : Number(value);
  }
}

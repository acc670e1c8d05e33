import { randomUUID } from 'node:crypto';
import type { LeaderLease } from '@mosaic/exchange-domain';
import type { RedisClient } from '@mosaic/kit-cache';

export interface RedisLeaderLeaseOptions {
  /** The lease key; its fencing-token counter is `<key>:token`. */
  key: string;
  /** How long a holder keeps the lease without renewing it: the takeover time after a crash. */
  ttlMs?: number;
}

// Renew or release only a lease this holder still owns (the value names the holder).
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * A leader lease in Redis: `SET key holder NX PX ttl`, renewed at a third of the
 * ttl. A holder that could not renew within the ttl (a lost connection, or a pause
 * longer than the ttl: timers fire late, and the first thing checked is how long
 * ago the last renewal succeeded) reports the lease lost and never renews it again.
 */
export class RedisLeaderLease implements LeaderLease {
  private readonly holder = randomUUID();
  private readonly ttlMs: number;
  private readonly lostListeners: ((reason: string) => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  private renewedAt = 0;
  private state: 'idle' | 'campaigning' | 'holding' | 'lost' | 'closed' = 'idle';

  constructor(
    private readonly redis: RedisClient,
    private readonly options: RedisLeaderLeaseOptions,
  ) {
    this.ttlMs = options.ttlMs ?? 2_000;
  }

  async acquire(): Promise<number> {
    if (this.state !== 'idle') throw new Error(`the lease cannot be acquired while ${this.state}`);
    this.state = 'campaigning';
    for (;;) {
      if (this.state !== 'campaigning') throw new Error('the lease was closed before it was acquired');
      const started = Date.now();
      const taken = await this.redis.set(this.options.key, this.holder, 'PX', this.ttlMs, 'NX').catch(() => null);
      if (taken === 'OK') {
        this.renewedAt = started;
        this.state = 'holding';
        this.scheduleRenewal();
        return this.redis.incr(`${this.options.key}:token`);
      }
      await new Promise((resolve) => setTimeout(resolve, this.ttlMs / 8));
    }
  }

  onLost(listener: (reason: string) => void): void {
    this.lostListeners.push(listener);
  }

  async close(): Promise<void> {
    const held = this.state === 'holding';
    this.state = 'closed';
    clearTimeout(this.timer);
    if (held) await this.redis.eval(RELEASE, 1, this.options.key, this.holder).catch(() => undefined);
  }

  private scheduleRenewal(): void {
    this.timer = setTimeout(() => void this.renew(), this.ttlMs / 3);
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    if (this.state !== 'holding') return;
    if (Date.now() - this.renewedAt >= this.ttlMs) return this.lose(`not renewed for ${Date.now() - this.renewedAt} ms (ttl ${this.ttlMs} ms)`);
    const started = Date.now();
    const renewed = await this.redis.eval(RENEW, 1, this.options.key, this.holder, String(this.ttlMs)).catch(() => undefined);
    if (this.state !== 'holding') return;
    if (renewed === 0) return this.lose('another instance holds the lease');
    if (renewed === 1) this.renewedAt = started;
    this.scheduleRenewal();
  }

  private lose(reason: string): void {
    this.state = 'lost';
    for (const listener of this.lostListeners) listener(reason);
  }
}

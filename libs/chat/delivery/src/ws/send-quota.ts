/**
 * A token bucket per connection: `burst` frames at once, refilled at `perSecond`.
 * A client over the limit gets an error frame; one that keeps hammering after being
 * told (`abuseAfter` refused frames in a row) is cut off.
 */
export class SendQuota {
  private tokens: number;
  private lastMs: number;
  private refusedInRow = 0;

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    private readonly abuseAfter: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.lastMs = nowMs;
  }

  /** 'ok', 'limited' (refuse this frame), or 'abuse' (close the connection). */
  take(nowMs: number): 'ok' | 'limited' | 'abuse' {
    this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.lastMs) / 1000) * this.perSecond);
    this.lastMs = nowMs;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.refusedInRow = 0;
      return 'ok';
    }
    this.refusedInRow += 1;
    return this.refusedInRow >= this.abuseAfter ? 'abuse' : 'limited';
  }
}

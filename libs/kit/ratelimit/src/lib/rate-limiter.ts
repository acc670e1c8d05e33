export interface RateLimitOptions {
  /** Points a key may spend per window. */
  points: number;
  /** Window length in whole seconds; the window starts at a key's first spend. */
  durationSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** The window's allowance, for the RateLimit-Limit header. */
  limit: number;
  /** Points left in the current window after this call. */
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
  /** Whole seconds to wait before retrying: 0 when allowed, at least 1 when not. */
  retryAfterSeconds: number;
}

/** A per-key allowance; `consume` is atomic, so concurrent callers never overspend it. */
export interface RateLimiter {
  readonly points: number;
  readonly durationSeconds: number;
  consume(key: string, points?: number): Promise<RateLimitDecision>;
  /** Forgets a key's spending, e.g. after a successful login ends a run of failures. */
  reset(key: string): Promise<void>;
}

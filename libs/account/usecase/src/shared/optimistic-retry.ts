import { isConcurrentModification } from '@mosaic/account-domain';

export interface RetryOptions {
  /** Attempts in all, the first included; default 8. */
  readonly attempts?: number;
  /** Ceiling of the first backoff; it doubles per attempt up to `maxDelayMs`. Default 2 ms. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Told about every retry, e.g. to count them for metrics and benchmarks. */
  readonly onRetry?: (event: { operation: string; attempt: number }) => void;
}

/**
 * Runs `attempt` again when a save found its aggregate changed since it was loaded
 * (optimistic concurrency): each attempt is a fresh unit of work that reloads and
 * re-decides, so no retry applies a stale decision. Backoff is full jitter, which
 * spreads out writers that collided so they stop colliding. When attempts run out
 * the conflict reaches the client as 409 `concurrent_modification`.
 */
export async function withOptimisticRetry<T>(operation: string, attempt: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 2;
  const maxDelayMs = options.maxDelayMs ?? 50;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= attempts || !isConcurrentModification(error)) throw error;
    }
    options.onRetry?.({ operation, attempt: n + 1 });
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
    await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
  }
}

import type { ConsumerSettings } from './consumer-settings';
import type { ReceivedMessage } from './message';
import type { MessageHandler } from './ports';

/** How a backend lets the shared delivery loop see and steer one partition's consumption. */
export interface DeliveryControl {
  /** True once this message must not be attempted again here (closing, partition revoked). */
  stopped(): boolean;
  /** Waits before the next attempt and returns early once stopped; Kafka heartbeats meanwhile. */
  pause(ms: number): Promise<void>;
  /** Commits this message and everything before it in its partition. */
  commit(): Promise<void>;
  /** Runs before the first wait of a failing message: commit what is already processed. */
  onFirstFailure(): Promise<void>;
}

/**
 * Runs the handler until it succeeds. Resolves true once it has, false when the
 * consumer stopped first: that message is then left uncommitted, to be delivered again
 * to whoever consumes the partition next.
 */
export async function deliver(handler: MessageHandler, message: ReceivedMessage, settings: ConsumerSettings, control: DeliveryControl): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await handler(message, { attempt, commit: control.commit });
      return true;
    } catch (error) {
      reportFailure(settings, error, message, attempt);
    }
    if (control.stopped()) return false;
    if (attempt === 1) await control.onFirstFailure();
    await control.pause(backoffMs(settings, attempt));
    if (control.stopped()) return false;
  }
}

export function backoffMs(settings: Pick<ConsumerSettings, 'initialDelayMs' | 'maxDelayMs'>, attempt: number): number {
  return Math.min(settings.maxDelayMs, settings.initialDelayMs * 2 ** Math.min(attempt - 1, 30));
}

function reportFailure(settings: ConsumerSettings, error: unknown, message: ReceivedMessage, attempt: number): void {
  try {
    settings.onError(error, message, attempt);
  } catch {
    // A failing error callback must not turn one bad message into a stuck consumer.
  }
}

/** Sleeps `ms`, or less when `signal` aborts first. Never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

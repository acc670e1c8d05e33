import { attemptsLimited, tooManyAttempts, type AttemptAction, type AttemptLimiter, type AttemptSubject, type SecurityEventSink } from '@mosaic/auth-domain';

/** Waits `ms` milliseconds; injected so tests can record the slow-down instead of sleeping. */
export type Pause = (ms: number) => Promise<void>;

export const realPause: Pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface AdmitAttemptDeps {
  limiter: AttemptLimiter;
  events: SecurityEventSink;
  pause?: Pause;
}

/**
 * Spends one attempt of `action` before any password work: refused, it records the
 * refusal and throws 429; slowed (an email under attack), it waits first.
 */
export async function admitAttempt(deps: AdmitAttemptDeps, action: AttemptAction, subject: AttemptSubject): Promise<void> {
  const decision = await deps.limiter.attempt(action, subject);
  if (!decision.allowed) {
    deps.events.record(attemptsLimited(action, decision.scope, subject));
    throw tooManyAttempts(decision.retryAfterSeconds);
  }
  if (decision.delayMs) await (deps.pause ?? realPause)(decision.delayMs);
}

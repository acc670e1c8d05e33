import { tooManyAttempts, type AttemptAction, type AttemptLimiter, type AttemptSubject, type SecurityEventSink } from '@mosaic/auth-domain';

/** Spends one attempt of `action`, or records the refusal and throws 429: before any password work. */
export async function admitAttempt(limiter: AttemptLimiter, events: SecurityEventSink, action: AttemptAction, subject: AttemptSubject): Promise<void> {
  const decision = await limiter.attempt(action, subject);
  if (decision.allowed) return;
  events.record({ type: 'attempts_limited', action, scope: decision.scope, email: subject.email, ip: subject.ip });
  throw tooManyAttempts(decision.retryAfterSeconds);
}

import type { AttemptAction, AttemptScope, AttemptSubject } from '../ports/attempt-limiter';

/**
 * What security monitoring needs to see. Responses stay vague on purpose (one message
 * for every failed login); these events keep the precise reason for operators.
 */
export type SecurityEvent =
  | { type: 'login_failed'; reason: 'unknown_email' | 'wrong_password'; email: string; ip?: string }
  | { type: 'attempts_limited'; action: AttemptAction; scope: AttemptScope; email: string; ip?: string }
  | { type: 'refresh_token_reused'; userId: string; familyId: string; ip?: string };

/*
 * No aggregate records these: a failed or refused attempt changes nothing stored (an
 * unknown email has no user at all), so the use case that saw it reports it, built here.
 */

export const loginFailed = (reason: 'unknown_email' | 'wrong_password', subject: AttemptSubject): SecurityEvent => ({
  type: 'login_failed',
  reason,
  email: subject.email,
  ip: subject.ip,
});

export const attemptsLimited = (action: AttemptAction, scope: AttemptScope, subject: AttemptSubject): SecurityEvent => ({
  type: 'attempts_limited',
  action,
  scope,
  email: subject.email,
  ip: subject.ip,
});

export const refreshTokenReused = (session: { userId: string; familyId: string }, ip: string | undefined): SecurityEvent => ({
  type: 'refresh_token_reused',
  userId: session.userId,
  familyId: session.familyId,
  ip,
});

export interface SecurityEventSink {
  record(event: SecurityEvent): void;
}

export const ignoreSecurityEvents: SecurityEventSink = { record: () => undefined };

import type { AttemptAction, AttemptScope } from '../ports/attempt-limiter';

/**
 * What security monitoring needs to see. Responses stay vague on purpose (one message
 * for every failed login); these events keep the precise reason for operators.
 */
export type SecurityEvent =
  | { type: 'login_failed'; reason: 'unknown_email' | 'wrong_password'; email: string; ip?: string }
  | { type: 'attempts_limited'; action: AttemptAction; scope: AttemptScope; email: string; ip?: string }
  | { type: 'refresh_token_reused'; userId: string; familyId: string; ip?: string };

export interface SecurityEventSink {
  record(event: SecurityEvent): void;
}

export const ignoreSecurityEvents: SecurityEventSink = { record: () => undefined };

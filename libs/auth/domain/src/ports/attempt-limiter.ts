import type { Email } from '../lib/email';

export type AttemptAction = 'login' | 'register';
export type AttemptScope = 'ip' | 'email';

export interface AttemptSubject {
  email: Email;
  /** The client's address; absent when the caller has none (then only the email is limited). */
  ip?: string;
}

export type AttemptDecision = { allowed: true } | { allowed: false; scope: AttemptScope; retryAfterSeconds: number };

/**
 * Caps how often one client address and one email may try an action, so passwords
 * cannot be guessed at speed and the password KDF cannot be used to exhaust the CPU.
 */
export interface AttemptLimiter {
  /** Spends one attempt; an exhausted allowance refuses without spending the others. */
  attempt(action: AttemptAction, subject: AttemptSubject): Promise<AttemptDecision>;
  /** Forgets the email's spent attempts after it succeeded, so its owner is not locked out later. */
  succeeded(action: AttemptAction, subject: AttemptSubject): Promise<void>;
}

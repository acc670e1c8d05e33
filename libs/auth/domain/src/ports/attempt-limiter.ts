import type { Email } from '../user/email';

export type AttemptAction = 'login' | 'register';
/** `pair`: one email from one address; `ip`: one address, whatever the email. */
export type AttemptScope = 'ip' | 'pair';

export interface AttemptSubject {
  email: Email;
  /** The client's address; absent when the caller has none (then the pair is the email alone). */
  ip?: string;
}

/**
 * Allowed, possibly after a wait (`delayMs`: the email is under attack, so every try
 * at it is slowed rather than refused, which would lock its owner out); or refused.
 */
export type AttemptDecision = { allowed: true; delayMs?: number } | { allowed: false; scope: AttemptScope; retryAfterSeconds: number };

/**
 * Caps how often one address may try an action, and one address against one email,
 * so passwords cannot be guessed at speed and the password KDF cannot be used to
 * exhaust the CPU; tries at one email from many addresses are slowed down, never
 * refused, so an attacker cannot lock the owner out (OWASP).
 */
export interface AttemptLimiter {
  /** Spends one attempt; an exhausted allowance refuses without spending the others. */
  attempt(action: AttemptAction, subject: AttemptSubject): Promise<AttemptDecision>;
  /** Forgets the email's spent attempts (its slow-down and this address's pair allowance) after it succeeded. */
  succeeded(action: AttemptAction, subject: AttemptSubject): Promise<void>;
}

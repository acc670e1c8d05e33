import { invalid } from '@mosaic/kit-core';

export const PASSWORD_MIN_LENGTH = 8;
/**
 * Long enough for any passphrase or generated password; the cap keeps a request from
 * feeding megabytes into the key derivation function.
 */
export const PASSWORD_MAX_LENGTH = 256;

/** Why a new password is refused, or undefined when it is acceptable. Lengths count code points. */
export function passwordProblem(password: string): string | undefined {
  if (typeof password !== 'string') return 'must be a string';
  if (password.length > PASSWORD_MAX_LENGTH * 2) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.trim().length === 0) return 'must not be only whitespace';
  return undefined;
}

/**
 * A password that is the account's own email (or the part before the @) is the first
 * guess of anyone who knows the address; compared case-insensitively.
 */
export function passwordMatchesEmail(password: string, email: string): boolean {
  const typed = password.trim().toLowerCase();
  const address = email.trim().toLowerCase();
  return typed === address || typed === address.slice(0, address.lastIndexOf('@'));
}

/** A 400 `weak_password` naming the field and why. */
export function weakPassword(problem: string, path = 'password') {
  return invalid('weak_password', `Password ${problem}`, { details: [{ path, message: problem }] });
}

/** Throws a 400 `weak_password` when the password breaks the policy (or repeats the email, when given). */
export function assertPasswordPolicy(password: string, email?: string, path = 'password'): void {
  const problem = passwordProblem(password) ?? (email !== undefined && passwordMatchesEmail(password, email) ? 'must not be your email address' : undefined);
  if (problem) throw weakPassword(problem, path);
}

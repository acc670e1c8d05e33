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

/** Throws a 400 `weak_password` when the password breaks the policy. */
export function assertPasswordPolicy(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw invalid('weak_password', `Password ${problem}`, { details: [{ path: 'password', message: problem }] });
}

import { AppError, conflict, forbidden, invalid, notFound, rateLimited, unauthorized } from '@mosaic/kit-core';

/**
 * One message for an unknown email and a wrong password, so the answer never says
 * which accounts exist.
 */
export const invalidCredentials = () => unauthorized('invalid_credentials', 'Email or password is incorrect');

export const emailTaken = () => conflict('email_taken', 'An account with this email already exists');

export const userNotFound = () => notFound('user_not_found', 'The account no longer exists');

export const invalidAccessToken = (cause?: unknown) => unauthorized('invalid_token', 'Access token is invalid', cause === undefined ? undefined : { cause });

export const accessTokenExpired = () => unauthorized('token_expired', 'Access token has expired');

/** The token is genuine and unexpired, but its session ended (logout, stolen refresh token, password change). */
export const sessionRevoked = () => unauthorized('token_revoked', 'The session of this access token has ended; sign in again');

export const adminOnly = () => forbidden('admin_only', 'Only administrators may do this');

export const unknownRole = (role: string, known: readonly string[]) =>
  invalid('unknown_role', `Unknown role "${role.slice(0, 40)}"; roles are ${known.join(', ')}`, {
    details: [{ path: 'role', message: `must be one of ${known.join(', ')}` }],
  });

export const unauthenticated = () => unauthorized('unauthenticated', 'Authentication required');

export type RefreshFailure = 'invalid' | 'expired' | 'revoked' | 'reused';

const REFRESH_FAILURES: Record<RefreshFailure, [code: string, message: string]> = {
  invalid: ['invalid_refresh_token', 'Refresh token is invalid'],
  expired: ['refresh_token_expired', 'Refresh token has expired; sign in again'],
  revoked: ['refresh_token_revoked', 'Refresh token was revoked; sign in again'],
  reused: ['refresh_token_reused', 'Refresh token was already used; the session has been revoked, sign in again'],
};

export function refreshRejected(reason: RefreshFailure): AppError {
  const [code, message] = REFRESH_FAILURES[reason];
  return unauthorized(code, message);
}

/**
 * A save found the user changed since it was loaded, and stored nothing. Use cases
 * reload and decide again, or answer with what the conflict means for them.
 */
export class UserChangedConcurrentlyError extends AppError {
  constructor(userId: string) {
    super('conflict', 'concurrent_modification', `The account ${userId} changed concurrently; retry the request`, {
      details: { aggregate: 'user', id: userId },
    });
  }
}

export function isUserChangedConcurrently(error: unknown): error is UserChangedConcurrentlyError {
  return error instanceof UserChangedConcurrentlyError;
}

export const tooManyAttempts = (retryAfterSeconds: number) => rateLimited('Too many attempts; try again later', retryAfterSeconds);

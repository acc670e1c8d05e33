/**
 * Sessions that ended before their access tokens expired (logout, a stolen refresh
 * token, a password change). Shared by every instance that verifies tokens, and kept
 * only as long as an access token lives: after that the tokens are dead anyway.
 */
export interface SessionRevocations {
  revoke(sessionIds: readonly string[]): Promise<void>;
  isRevoked(sessionId: string): Promise<boolean>;
}

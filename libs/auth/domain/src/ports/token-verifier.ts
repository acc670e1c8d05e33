/** What a verified access token says about its bearer. */
export interface AccessTokenClaims {
  readonly userId: string;
  readonly email: string;
  readonly roles: readonly string[];
  /** The sign-in (refresh token family) the token was issued for. */
  readonly sessionId: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

/**
 * The one thing other domains need from auth: turn a bearer token into a user, or
 * reject it with a 401 AppError (`invalid_token`, `token_expired`). Deliveries and
 * apps depend on this port, never on how tokens are made.
 */
export interface TokenVerifier {
  verify(accessToken: string): Promise<AccessTokenClaims>;
}

/** What an access token says about its holder: a `User` is one, and so is any principal a test mints. */
export interface AccessTokenSubject {
  readonly id: string;
  readonly email: string;
  readonly roles: readonly string[];
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresAt: Date;
  readonly expiresInSeconds: number;
}

export interface AccessTokenIssuer {
  issue(subject: AccessTokenSubject, sessionId: string): Promise<IssuedAccessToken>;
}

import type { User } from '../user/user';

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresAt: Date;
  readonly expiresInSeconds: number;
}

export interface AccessTokenIssuer {
  issue(user: User, sessionId: string): Promise<IssuedAccessToken>;
}

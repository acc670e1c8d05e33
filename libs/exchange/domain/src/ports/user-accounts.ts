/**
 * What the exchange needs from the platform's one user base (the auth domain):
 * shaped like auth's use cases so the composition hands them over as they are.
 * The exchange keeps no users of its own.
 */
export interface ExchangeUserProfile {
  id: string;
  email: string;
  name: string | null;
}

export interface ExchangeSession {
  accessToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  user: ExchangeUserProfile;
}

export interface ExchangeTokenClaims {
  userId: string;
  email: string;
  roles: readonly string[];
}

export interface UserAccounts {
  register: { execute(input: { email: string; password: string; ip?: string }): Promise<ExchangeUserProfile> };
  login: { execute(input: { email: string; password: string; ip?: string }): Promise<ExchangeSession> };
  currentUser: { execute(input: { userId: string }): Promise<ExchangeUserProfile> };
  /** Turns an access token into its claims or rejects with a 401 AppError. */
  verifier: { verify(accessToken: string): Promise<ExchangeTokenClaims> };
  /** Present when the user base supports it. */
  changePassword?: { execute(input: { userId: string; currentPassword: string; newPassword: string }): Promise<unknown> };
}

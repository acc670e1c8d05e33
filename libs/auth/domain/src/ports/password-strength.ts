export interface PasswordContext {
  email: string;
  name?: string | null;
}

/** Judges how guessable a new password is, beyond the length rules of the domain. */
export interface PasswordStrength {
  /** Why the password is too easy to guess for this account, or undefined when it is fine. */
  weakness(password: string, context: PasswordContext): string | undefined;
}

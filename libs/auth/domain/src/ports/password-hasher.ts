export interface PasswordHasher {
  /** A self-describing encoded hash (algorithm, cost, salt, digest) with a fresh random salt. */
  hash(password: string): Promise<string>;
  /**
   * Compares in constant time. Without a hash (the account does not exist) it does the
   * same work against a dummy hash and resolves false, so response times do not tell
   * unknown emails from wrong passwords.
   */
  verify(password: string, encodedHash: string | undefined): Promise<boolean>;
  /** True when the hash was made with other parameters than the current ones. */
  needsRehash(encodedHash: string): boolean;
}

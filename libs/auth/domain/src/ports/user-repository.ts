import type { Email } from '../user/email';
import type { User } from '../user/user';

export interface UserRepository {
  /** Adds an account; rejects with a 409 `email_taken` when the email is in use, atomically. */
  create(user: User): Promise<void>;
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: Email): Promise<User | undefined>;
  /**
   * Replaces the password hash only while it is still `expected`, so a concurrent
   * change is never overwritten. Resolves whether it was replaced.
   */
  replacePasswordHash(id: string, expected: string, next: string, now: Date): Promise<boolean>;
  /** Replaces the roles only while they are still `expected` (same order), like the password hash. */
  replaceRoles(id: string, expected: readonly string[], next: readonly string[], now: Date): Promise<boolean>;
}

import type { Email } from '../user/email';
import type { User } from '../user/user';

export interface UserRepository {
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: Email): Promise<User | undefined>;
  /**
   * Stores a new user (version 0) or a loaded one's changes under the version it was
   * loaded at, then marks it saved (its version moves on). A new user whose email is in
   * use is refused with a 409 `email_taken`, atomically; a user changed (or gone) since
   * it was loaded with `UserChangedConcurrentlyError`. Either way nothing is stored.
   */
  save(user: User): Promise<void>;
}

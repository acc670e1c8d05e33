import { emailTaken, User, UserChangedConcurrentlyError, type Email, type UserRepository, type UserSnapshot } from '@mosaic/auth-domain';

/** Users in a Map: for tests and the embedded default. Stores snapshots, so callers never share state with it. */
export class MemoryUserRepository implements UserRepository {
  private readonly byId = new Map<string, UserSnapshot>();
  private readonly idByEmail = new Map<Email, string>();

  async save(user: User): Promise<void> {
    const snapshot = user.snapshot();
    if (user.isNew) {
      if (this.idByEmail.has(user.email)) throw emailTaken();
      if (this.byId.has(user.id)) throw new Error(`user ${user.id} already exists`);
      this.idByEmail.set(user.email, user.id);
    } else if (this.byId.get(user.id)?.version !== user.version) {
      throw new UserChangedConcurrentlyError(user.id);
    }
    this.byId.set(user.id, structuredClone({ ...snapshot, version: user.version + 1 }));
    user.markSaved();
  }

  async findById(id: string): Promise<User | undefined> {
    const snapshot = this.byId.get(id);
    return snapshot && User.restore(structuredClone(snapshot));
  }

  async findByEmail(email: Email): Promise<User | undefined> {
    const id = this.idByEmail.get(email);
    return id === undefined ? undefined : this.findById(id);
  }
}

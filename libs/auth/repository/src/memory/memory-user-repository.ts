import { emailTaken, type Email, type User, type UserRepository } from '@mosaic/auth-domain';

/** Users in a Map: for tests and the embedded default. Copies in and out, so callers never share state with it. */
export class MemoryUserRepository implements UserRepository {
  private readonly byId = new Map<string, User>();
  private readonly idByEmail = new Map<Email, string>();

  async create(user: User): Promise<void> {
    if (this.idByEmail.has(user.email)) throw emailTaken();
    if (this.byId.has(user.id)) throw new Error(`user ${user.id} already exists`);
    this.byId.set(user.id, structuredClone(user));
    this.idByEmail.set(user.email, user.id);
  }

  async findById(id: string): Promise<User | undefined> {
    const user = this.byId.get(id);
    return user && structuredClone(user);
  }

  async findByEmail(email: Email): Promise<User | undefined> {
    const id = this.idByEmail.get(email);
    return id === undefined ? undefined : this.findById(id);
  }

  async replacePasswordHash(id: string, expected: string, next: string, now: Date): Promise<boolean> {
    const user = this.byId.get(id);
    if (!user || user.passwordHash !== expected) return false;
    this.byId.set(id, { ...user, passwordHash: next, updatedAt: new Date(now) });
    return true;
  }

  async replaceRoles(id: string, expected: readonly string[], next: readonly string[], now: Date): Promise<boolean> {
    const user = this.byId.get(id);
    if (!user || JSON.stringify(user.roles) !== JSON.stringify(expected)) return false;
    this.byId.set(id, { ...user, roles: [...next], updatedAt: new Date(now) });
    return true;
  }
}

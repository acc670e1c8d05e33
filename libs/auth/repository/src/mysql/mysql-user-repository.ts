import { emailTaken, User, UserChangedConcurrentlyError, type Email, type UserRepository } from '@mosaic/auth-domain';
import { isDuplicateEntryError, type MysqlPool } from '@mosaic/kit-db';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';

interface UserRow extends RowDataPacket {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  roles: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, email, name, password_hash, roles, version, created_at, updated_at';
const ID = /^[0-9]{1,20}$/;

/**
 * Users in `auth_users`. A save of a loaded user is one UPDATE guarded by
 * `WHERE version = ?` that moves the version on, so of two saves from the same
 * version exactly one lands; a new user is one INSERT, and the unique email index
 * decides concurrent registrations of one email.
 */
export class MysqlUserRepository implements UserRepository {
  constructor(private readonly pool: MysqlPool) {}

  async save(user: User): Promise<void> {
    if (user.isNew) await this.insert(user);
    else await this.update(user);
    user.markSaved();
  }

  async findById(id: string): Promise<User | undefined> {
    if (!ID.test(id)) return undefined;
    const [rows] = await this.pool.execute<UserRow[]>(`SELECT ${COLUMNS} FROM auth_users WHERE id = ?`, [id]);
    return rows[0] && userOf(rows[0]);
  }

  async findByEmail(email: Email): Promise<User | undefined> {
    const [rows] = await this.pool.execute<UserRow[]>(`SELECT ${COLUMNS} FROM auth_users WHERE email = ?`, [email]);
    return rows[0] && userOf(rows[0]);
  }

  private async insert(user: User): Promise<void> {
    const stored = user.snapshot();
    try {
      await this.pool.execute(`INSERT INTO auth_users (${COLUMNS}) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`, [
        stored.id,
        stored.email,
        stored.name,
        stored.passwordHash,
        JSON.stringify(stored.roles),
        stored.createdAt,
        stored.updatedAt,
      ]);
    } catch (error) {
      // The unique index decides concurrent registrations of one email.
      if (isDuplicateEntryError(error) && String((error as Error).message).includes('uq_auth_users_email')) throw emailTaken();
      throw error;
    }
  }

  private async update(user: User): Promise<void> {
    const stored = user.snapshot();
    // The email is the user's identity and never changes, so it is not written.
    const [result] = await this.pool.execute<ResultSetHeader>(
      'UPDATE auth_users SET name = ?, password_hash = ?, roles = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?',
      [stored.name, stored.passwordHash, JSON.stringify(stored.roles), stored.updatedAt, stored.id, stored.version],
    );
    if (result.affectedRows !== 1) throw new UserChangedConcurrentlyError(user.id);
  }
}

function userOf(row: UserRow): User {
  return User.restore({
    id: String(row.id),
    email: row.email as Email,
    name: row.name,
    passwordHash: row.password_hash,
    roles: JSON.parse(row.roles) as string[],
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

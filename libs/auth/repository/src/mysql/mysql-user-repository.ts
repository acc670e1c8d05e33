import { emailTaken, type Email, type User, type UserRepository } from '@mosaic/auth-domain';
import { isDuplicateEntryError, type MysqlPool } from '@mosaic/kit-db';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';

interface UserRow extends RowDataPacket {
  id: string;
  email: string;
  name: string | null;
  password_hash: string;
  roles: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'id, email, name, password_hash, roles, created_at, updated_at';

export class MysqlUserRepository implements UserRepository {
  constructor(private readonly pool: MysqlPool) {}

  async create(user: User): Promise<void> {
    try {
      await this.pool.execute(`INSERT INTO auth_users (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
        user.id,
        user.email,
        user.name,
        user.passwordHash,
        JSON.stringify(user.roles),
        user.createdAt,
        user.updatedAt,
      ]);
    } catch (error) {
      // The unique index decides concurrent registrations of one email.
      if (isDuplicateEntryError(error) && String((error as Error).message).includes('uq_auth_users_email')) throw emailTaken();
      throw error;
    }
  }

  async findById(id: string): Promise<User | undefined> {
    if (!/^[0-9]{1,20}$/.test(id)) return undefined;
    const [rows] = await this.pool.execute<UserRow[]>(`SELECT ${COLUMNS} FROM auth_users WHERE id = ?`, [id]);
    return rows[0] && userOf(rows[0]);
  }

  async findByEmail(email: Email): Promise<User | undefined> {
    const [rows] = await this.pool.execute<UserRow[]>(`SELECT ${COLUMNS} FROM auth_users WHERE email = ?`, [email]);
    return rows[0] && userOf(rows[0]);
  }

  async replacePasswordHash(id: string, expected: string, next: string, now: Date): Promise<boolean> {
    const [result] = await this.pool.execute<ResultSetHeader>('UPDATE auth_users SET password_hash = ?, updated_at = ? WHERE id = ? AND password_hash = ?', [
      next,
      now,
      id,
      expected,
    ]);
    return result.affectedRows === 1;
  }

  async replaceRoles(id: string, expected: readonly string[], next: readonly string[], now: Date): Promise<boolean> {
    if (!/^[0-9]{1,20}$/.test(id)) return false;
    // Roles are always written as JSON.stringify of the array, so the text compares exactly.
    const [result] = await this.pool.execute<ResultSetHeader>('UPDATE auth_users SET roles = ?, updated_at = ? WHERE id = ? AND roles = ?', [
      JSON.stringify(next),
      now,
      id,
      JSON.stringify(expected),
    ]);
    return result.affectedRows === 1;
  }
}

function userOf(row: UserRow): User {
  return {
    id: String(row.id),
    email: row.email as Email,
    name: row.name,
    passwordHash: row.password_hash,
    roles: JSON.parse(row.roles) as string[],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

import { isDuplicateEntryError, type MysqlPool } from '@mosaic/kit-db';
import { Link, type InsertOutcome, type LinkRepository } from '@mosaic/urlshortener-domain';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';

interface LinkRow extends RowDataPacket {
  code: string;
  url: string;
  owner_id: string | null;
  created_at: Date;
  expires_at: Date | null;
}

/**
 * Links in MySQL. The primary key on `code` is the guard: two inserts of one code
 * race inside InnoDB and exactly one wins. Deleting stamps `deleted_at` and keeps
 * the row, so the code stays taken.
 */
export class MysqlLinkRepository implements LinkRepository {
  constructor(private readonly pool: MysqlPool) {}

  async insert(link: Link): Promise<InsertOutcome> {
    try {
      await this.pool.execute('INSERT INTO urlshortener_links (code, url, owner_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
        link.code.value,
        link.url,
        link.ownerId,
        link.createdAt,
        link.expiresAt,
      ]);
      return 'inserted';
    } catch (error) {
      if (isDuplicateEntryError(error)) return 'code_taken';
      throw error;
    }
  }

  async findByCode(code: string): Promise<Link | undefined> {
    const [rows] = await this.pool.execute<LinkRow[]>(
      'SELECT code, url, owner_id, created_at, expires_at FROM urlshortener_links WHERE code = ? AND deleted_at IS NULL',
      [code],
    );
    const row = rows[0];
    return row && Link.restore({ code: row.code, url: row.url, ownerId: row.owner_id, createdAt: row.created_at, expiresAt: row.expires_at });
  }

  async delete(code: string, deletedAt: Date): Promise<boolean> {
    const [result] = await this.pool.execute<ResultSetHeader>('UPDATE urlshortener_links SET deleted_at = ? WHERE code = ? AND deleted_at IS NULL', [
      deletedAt,
      code,
    ]);
    return result.affectedRows === 1;
  }
}

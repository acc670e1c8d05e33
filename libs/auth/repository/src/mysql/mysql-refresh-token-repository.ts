import {
  refreshTokenState,
  SHA256_HEX,
  type FamilyRevocationReason,
  type RefreshTokenFamily,
  type RefreshTokenRecord,
  type RefreshTokenRepository,
  type RotationOutcome,
  type StoredRefreshToken,
} from '@mosaic/auth-domain';
import { withTransaction, type MysqlConnection, type MysqlPool } from '@mosaic/kit-db';
import type { ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { assertSameFamily, ROTATION_OUTCOME_OF_STATE } from '../lib/rotation';

interface TokenRow extends RowDataPacket {
  token_hash: Buffer;
  family_id: string;
  user_id: string;
  issued_at: Date;
  expires_at: Date;
  rotated_at: Date | null;
  family_created_at: Date;
  family_expires_at: Date;
  family_revoked_at: Date | null;
  family_revoked_reason: FamilyRevocationReason | null;
}

const SELECT_STORED = `
SELECT t.token_hash, t.family_id, t.user_id, t.issued_at, t.expires_at, t.rotated_at,
       f.created_at AS family_created_at, f.expires_at AS family_expires_at,
       f.revoked_at AS family_revoked_at, f.revoked_reason AS family_revoked_reason
FROM auth_refresh_tokens t
JOIN auth_refresh_token_families f ON f.id = t.family_id
WHERE t.token_hash = ?`;

const PURGE_BATCH = 1000;

/**
 * Rotation takes row locks on the presented token and its family (SELECT … FOR
 * UPDATE) before deciding, so of two concurrent rotations of one token the second
 * waits and then sees it rotated; revocation updates the same family row, so it
 * orders against rotations too.
 */
export class MysqlRefreshTokenRepository implements RefreshTokenRepository {
  constructor(private readonly pool: MysqlPool) {}

  async startFamily(family: RefreshTokenFamily, first: RefreshTokenRecord): Promise<void> {
    assertSameFamily(family.id, first);
    await withTransaction(this.pool, async (tx) => {
      await tx.execute('INSERT INTO auth_refresh_token_families (id, user_id, created_at, expires_at, revoked_at, revoked_reason) VALUES (?, ?, ?, ?, ?, ?)', [
        family.id,
        family.userId,
        family.createdAt,
        family.expiresAt,
        family.revokedAt,
        family.revokedReason,
      ]);
      await insertToken(tx, first);
    });
  }

  async findByHash(hash: string): Promise<StoredRefreshToken | undefined> {
    if (!SHA256_HEX.test(hash)) return undefined;
    const [rows] = await this.pool.execute<TokenRow[]>(SELECT_STORED, [Buffer.from(hash, 'hex')]);
    return rows[0] && storedOf(rows[0]);
  }

  async rotate(currentHash: string, next: RefreshTokenRecord, now: Date): Promise<RotationOutcome> {
    if (!SHA256_HEX.test(currentHash)) return 'unknown';
    return withTransaction(this.pool, async (tx) => {
      const [rows] = await tx.execute<TokenRow[]>(`${SELECT_STORED} FOR UPDATE`, [Buffer.from(currentHash, 'hex')]);
      if (!rows[0]) return 'unknown';
      const stored = storedOf(rows[0]);
      assertSameFamily(stored.family.id, next);
      const state = refreshTokenState(stored, now);
      if (state !== 'active') return ROTATION_OUTCOME_OF_STATE[state];
      await tx.execute('UPDATE auth_refresh_tokens SET rotated_at = ? WHERE token_hash = ?', [now, Buffer.from(currentHash, 'hex')]);
      await insertToken(tx, next);
      return 'rotated' as const;
    });
  }

  async revokeFamily(familyId: string, reason: FamilyRevocationReason, now: Date): Promise<boolean> {
    if (!/^[0-9]{1,20}$/.test(familyId)) return false;
    const [result] = await this.pool.execute<ResultSetHeader>(
      'UPDATE auth_refresh_token_families SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL',
      [now, reason, familyId],
    );
    return result.affectedRows === 1;
  }

  async revokeUserFamilies(userId: string, reason: FamilyRevocationReason, now: Date, exceptFamilyId?: string): Promise<string[]> {
    if (!/^[0-9]{1,20}$/.test(userId)) return [];
    // Locked and updated in one transaction, so the ids returned are exactly the rows this call revoked.
    return withTransaction(this.pool, async (tx) => {
      const [rows] = await tx.execute<(RowDataPacket & { id: string })[]>(
        'SELECT id FROM auth_refresh_token_families WHERE user_id = ? AND revoked_at IS NULL AND id <> ? FOR UPDATE',
        [userId, exceptFamilyId && /^[0-9]{1,20}$/.test(exceptFamilyId) ? exceptFamilyId : '0'],
      );
      const ids = rows.map((row) => String(row.id));
      if (ids.length === 0) return [];
      await tx.execute(`UPDATE auth_refresh_token_families SET revoked_at = ?, revoked_reason = ? WHERE id IN (${ids.map(() => '?').join(', ')})`, [
        now,
        reason,
        ...ids,
      ]);
      return ids;
    });
  }

  async purgeExpired(now: Date): Promise<number> {
    // Small batches keep each delete's locks short on a busy table.
    let deleted = 0;
    for (;;) {
      const [result] = await this.pool.execute<ResultSetHeader>(`DELETE FROM auth_refresh_tokens WHERE expires_at <= ? LIMIT ${PURGE_BATCH}`, [now]);
      deleted += result.affectedRows;
      if (result.affectedRows < PURGE_BATCH) break;
    }
    for (;;) {
      const [result] = await this.pool.execute<ResultSetHeader>(`DELETE FROM auth_refresh_token_families WHERE expires_at <= ? LIMIT ${PURGE_BATCH}`, [now]);
      if (result.affectedRows < PURGE_BATCH) break;
    }
    return deleted;
  }
}

async function insertToken(tx: MysqlConnection, token: RefreshTokenRecord): Promise<void> {
  await tx.execute('INSERT INTO auth_refresh_tokens (token_hash, family_id, user_id, issued_at, expires_at, rotated_at) VALUES (?, ?, ?, ?, ?, ?)', [
    Buffer.from(token.hash, 'hex'),
    token.familyId,
    token.userId,
    token.issuedAt,
    token.expiresAt,
    token.rotatedAt,
  ]);
}

function storedOf(row: TokenRow): StoredRefreshToken {
  const familyId = String(row.family_id);
  const userId = String(row.user_id);
  return {
    token: {
      hash: row.token_hash.toString('hex'),
      familyId,
      userId,
      issuedAt: row.issued_at,
      expiresAt: row.expires_at,
      rotatedAt: row.rotated_at,
    },
    family: {
      id: familyId,
      userId,
      createdAt: row.family_created_at,
      expiresAt: row.family_expires_at,
      revokedAt: row.family_revoked_at,
      revokedReason: row.family_revoked_reason,
    },
  };
}

import { ConcurrentModificationError, Points, type PointsRepository, type PointsSnapshot } from '@mosaic/account-domain';
import { isId } from '@mosaic/kit-core';
import { rejectingDuplicates } from './duplicates';
import { safeLimit, toBigInt, type Rows, type Sql, type Written } from './sql';

const COLUMNS = 'id, owner_id, points, version, created_at';

/** Points in MySQL, with the same version guard as accounts. */
export class MysqlPointsRepository implements PointsRepository {
  /** @param lockOnLoad inside a transaction: `findById` locks the row until commit. */
  constructor(
    private readonly sql: Sql,
    private readonly lockOnLoad = false,
  ) {}

  async findById(id: string): Promise<Points | undefined> {
    if (!isId(id)) return undefined;
    const lock = this.lockOnLoad ? ' FOR UPDATE' : '';
    const [rows] = await this.sql.execute<Rows>(`SELECT ${COLUMNS} FROM account_points WHERE id = ?${lock}`, [id]);
    return rows[0] ? Points.restore(snapshotOf(rows[0])) : undefined;
  }

  async listByOwner(ownerId: string, limit: number): Promise<Points[]> {
    const [rows] = await this.sql.query<Rows>(`SELECT ${COLUMNS} FROM account_points WHERE owner_id = ? ORDER BY id LIMIT ${safeLimit(limit)}`, [ownerId]);
    return rows.map((row) => Points.restore(snapshotOf(row)));
  }

  async save(points: Points): Promise<void> {
    const changes = points.changes();
    if (changes.isEmpty) return;
    if (changes.isNew) {
      const snapshot = points.snapshot();
      await rejectingDuplicates('points', snapshot.id, () =>
        this.sql.execute(`INSERT INTO account_points (${COLUMNS}) VALUES (?, ?, ?, 1, ?)`, [
          snapshot.id,
          snapshot.ownerId,
          snapshot.points.toString(),
          snapshot.createdAt,
        ]),
      );
    } else {
      const [result] = await this.sql.execute<Written>(`UPDATE account_points SET points = ?, version = version + 1 WHERE id = ? AND version = ?`, [
        (changes.points ?? points.points).toString(),
        points.id,
        changes.expectedVersion,
      ]);
      if (result.affectedRows !== 1) throw new ConcurrentModificationError('points', points.id);
    }
    points.markSaved();
  }
}

function snapshotOf(row: Rows[number]): PointsSnapshot {
  return {
    id: String(row.id),
    ownerId: row.owner_id as string,
    points: toBigInt(row.points),
    version: Number(row.version),
    createdAt: row.created_at as Date,
  };
}

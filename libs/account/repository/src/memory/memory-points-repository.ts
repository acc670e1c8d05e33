import { ConcurrentModificationError, Points, type PointsRepository } from '@mosaic/account-domain';
import type { MemoryTransaction } from './memory-transaction';

export class MemoryPointsRepository implements PointsRepository {
  constructor(private readonly tx: MemoryTransaction) {}

  async findById(id: string): Promise<Points | undefined> {
    const snapshot = this.tx.points.get(id);
    return snapshot ? Points.restore(snapshot) : undefined;
  }

  async listByOwner(ownerId: string, limit: number): Promise<Points[]> {
    const ids = this.tx.db.pointsByOwner.get(ownerId) ?? [];
    const found: Points[] = [];
    for (const id of ids.slice(0, limit)) {
      const snapshot = this.tx.points.get(id);
      if (snapshot) found.push(Points.restore(snapshot));
    }
    return found;
  }

  async save(points: Points): Promise<void> {
    const changes = points.changes();
    if (changes.isEmpty) return;
    const stored = this.tx.points.get(points.id);
    if (changes.isNew ? stored !== undefined : stored?.version !== changes.expectedVersion) {
      throw new ConcurrentModificationError('points', points.id);
    }
    this.tx.points.set(points.id, { ...points.snapshot(), version: changes.expectedVersion + 1 });
    points.markSaved();
  }
}

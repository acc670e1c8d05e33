import type { Points } from '../points/points';

/** Loads and saves Points aggregates, with the same version check as accounts. */
export interface PointsRepository {
  findById(id: string): Promise<Points | undefined>;
  listByOwner(ownerId: string, limit: number): Promise<Points[]>;
  save(points: Points): Promise<void>;
}

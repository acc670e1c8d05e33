import type { Points } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { readablePoints } from '../shared/ownership';

/** One points aggregate, for its owner (or an admin). */
export class GetPoints {
  constructor(private readonly deps: Pick<AccountDeps, 'points'>) {}

  execute(query: { actor: Actor; pointsId: string }): Promise<Points> {
    return readablePoints(this.deps.points, query.pointsId, query.actor);
  }
}

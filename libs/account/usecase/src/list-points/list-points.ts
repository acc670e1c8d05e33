import type { Points } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';

export const MAX_LISTED_POINTS = 100;

/** The caller's own points aggregates, oldest first. */
export class ListPoints {
  constructor(private readonly deps: Pick<AccountDeps, 'points'>) {}

  execute(query: { actor: Actor }): Promise<Points[]> {
    return this.deps.points.listByOwner(query.actor.userId, MAX_LISTED_POINTS);
  }
}

import { Points, pointsOpened } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { withOptimisticRetry } from '../shared/optimistic-retry';

/** Opens an empty points aggregate for the caller. */
export class OpenPoints {
  constructor(private readonly deps: AccountDeps) {}

  execute(command: { actor: Actor }): Promise<Points> {
    return withOptimisticRetry(
      'open-points',
      () =>
        this.deps.unitOfWork.run(async (tx) => {
          const now = this.deps.clock.now();
          const points = Points.open({ id: this.deps.ids.next(), ownerId: command.actor.userId, now });
          await tx.points.save(points);
          await tx.outbox.add([pointsOpened({ id: this.deps.ids.next(), at: now }, points)]);
          return points;
        }),
      this.deps.retry,
    );
  }
}

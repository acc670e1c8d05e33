import { Points } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { withOptimisticRetry } from '../shared/optimistic-retry';
import { saveRecording } from '../shared/save-recording';

/** Opens an empty points aggregate for the caller. */
export class OpenPoints {
  constructor(private readonly deps: AccountDeps) {}

  execute(command: { actor: Actor }): Promise<Points> {
    return withOptimisticRetry(
      'open-points',
      () =>
        this.deps.unitOfWork.run(async (tx) => {
          const now = this.deps.clock.now();
          const id = this.deps.ids.next();
          const points = Points.open({ id, ownerId: command.actor.userId, now }, { id: this.deps.ids.next(), at: now });
          await saveRecording(tx, { points: [points] });
          return points;
        }),
      this.deps.retry,
    );
  }
}

import { describe, expect, it } from 'vitest';
import { admin, alice, accountHarness, bob } from '../test-support/account-harness';
import { rejectionOf } from '../test-support/rejection';

describe('points use cases', () => {
  it('OpenPoints opens an empty balance for the caller', async () => {
    const h = accountHarness();
    const points = await h.useCases.openPoints.execute({ actor: alice });
    expect(points).toMatchObject({ ownerId: 'alice', points: 0n, version: 1 });
    expect((await h.pendingEvents()).at(-1)).toMatchObject({ type: 'points.opened', aggregateId: points.id });
  });

  it('GetPoints shows it to the owner and admins only', async () => {
    const h = accountHarness();
    const points = await h.newPoints(alice);
    expect((await h.useCases.getPoints.execute({ actor: alice, pointsId: points.id })).id).toBe(points.id);
    expect((await h.useCases.getPoints.execute({ actor: admin, pointsId: points.id })).id).toBe(points.id);
    expect((await rejectionOf(h.useCases.getPoints.execute({ actor: bob, pointsId: points.id }))).code).toBe('points_not_found');
  });

  it('ListPoints lists the caller’s own, oldest first', async () => {
    const h = accountHarness();
    const first = await h.newPoints(alice);
    const second = await h.newPoints(alice);
    await h.newPoints(bob);
    expect((await h.useCases.listPoints.execute({ actor: alice })).map((points) => points.id)).toEqual([first.id, second.id]);
  });
});

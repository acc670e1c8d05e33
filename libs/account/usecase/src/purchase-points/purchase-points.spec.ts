import { describe, expect, it } from 'vitest';
import { alice, accountHarness, aKey, bob } from '../test-support/account-harness';
import { rejectionOf } from '../test-support/rejection';

describe('PurchasePoints', () => {
  it('debits the account and credits the points in one unit of work', async () => {
    const h = accountHarness();
    const account = await h.fundedAccount(alice, '20.00');
    const points = await h.newPoints(alice);
    const { result } = await h.useCases.purchasePoints.execute({ actor: alice, accountId: account.id, pointsId: points.id, amount: '12.50' });
    expect(result).toMatchObject({ paid: 1250n, points: 1250n, currency: 'USD' });
    expect(await h.balanceOf(account.id)).toBe(750n);
    expect((await h.adapters.points.findById(points.id))?.points).toBe(1250n);
    expect(await h.adapters.ledger.byReference(result.purchaseId)).toMatchObject([{ kind: 'points_purchase', amount: -1250n }]);
    expect((await h.pendingEvents()).at(-1)).toMatchObject({ type: 'points.purchased', data: { paid: '12.50', points: '1250', balance: '1250' } });
  });

  it('changes neither aggregate when the account cannot pay', async () => {
    const h = accountHarness();
    const account = await h.fundedAccount(alice, '1.00');
    const points = await h.newPoints(alice);
    const error = await rejectionOf(h.useCases.purchasePoints.execute({ actor: alice, accountId: account.id, pointsId: points.id, amount: '1.01' }));
    expect(error.code).toBe('insufficient_funds');
    expect(await h.balanceOf(account.id)).toBe(100n);
    expect((await h.adapters.points.findById(points.id))?.points).toBe(0n);
    expect((await h.pendingEvents()).map((event) => event.type)).not.toContain('points.purchased');
  });

  it('needs both aggregates to be the caller’s', async () => {
    const h = accountHarness();
    const account = await h.fundedAccount(alice, '10.00');
    const bobsPoints = await h.newPoints(bob);
    const error = await rejectionOf(h.useCases.purchasePoints.execute({ actor: alice, accountId: account.id, pointsId: bobsPoints.id, amount: '1' }));
    expect([error.code, error.status]).toEqual(['points_not_found', 404]);
    const mine = await h.newPoints(alice);
    expect((await rejectionOf(h.useCases.purchasePoints.execute({ actor: bob, accountId: account.id, pointsId: mine.id, amount: '1' }))).code).toBe(
      'account_not_found',
    );
    expect(await h.balanceOf(account.id)).toBe(1000n);
  });

  it('buys once per Idempotency-Key', async () => {
    const h = accountHarness();
    const account = await h.fundedAccount(alice, '10.00');
    const points = await h.newPoints(alice);
    const command = { actor: alice, accountId: account.id, pointsId: points.id, amount: '1.00', idempotencyKey: aKey() };
    await Promise.all([h.useCases.purchasePoints.execute(command), h.useCases.purchasePoints.execute(command)]);
    expect(await h.balanceOf(account.id)).toBe(900n);
    expect((await h.adapters.points.findById(points.id))?.points).toBe(100n);
  });
});

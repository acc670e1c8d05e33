import { ConcurrentModificationError, type UnitOfWork } from '@mosaic/account-domain';
import { describe, expect, it } from 'vitest';
import { alice, accountHarness, aKey, bob } from '../test-support/account-harness';
import { rejectionOf } from '../test-support/rejection';

async function twoAccounts(amount = '100.00') {
  const h = accountHarness();
  const from = await h.fundedAccount(alice, amount);
  const to = await h.newAccount(bob);
  return { h, from, to };
}

describe('Transfer', () => {
  it('moves money with two ledger entries that sum to zero, and one event naming both owners', async () => {
    const { h, from, to } = await twoAccounts();
    const { result, replayed } = await h.useCases.transfer.execute({
      actor: alice,
      fromAccountId: from.id,
      toAccountId: to.id,
      amount: '30.25',
      idempotencyKey: aKey(),
    });
    expect(replayed).toBe(false);
    expect(result).toMatchObject({ fromAccountId: from.id, toAccountId: to.id, amount: 3025n, currency: 'USD' });
    expect(await h.balanceOf(from.id)).toBe(6975n);
    expect(await h.balanceOf(to.id)).toBe(3025n);
    const legs = await h.adapters.ledger.byReference(result.transferId);
    expect(legs.map((leg) => [leg.accountId, leg.kind, leg.amount])).toEqual([
      [from.id, 'transfer_out', -3025n],
      [to.id, 'transfer_in', 3025n],
    ]);
    expect((await h.pendingEvents()).at(-1)).toMatchObject({
      type: 'account.transferred',
      recipients: ['alice', 'bob'],
      data: { transferId: result.transferId, amount: '30.25' },
    });
  });

  it('moves money once per Idempotency-Key and replays the first receipt', async () => {
    const { h, from, to } = await twoAccounts();
    const command = { actor: alice, fromAccountId: from.id, toAccountId: to.id, amount: '10.00', idempotencyKey: aKey() };
    const first = await h.useCases.transfer.execute(command);
    h.clock.advance(60_000);
    const again = await h.useCases.transfer.execute({ ...command, amount: '10' });
    expect(again).toEqual({ result: first.result, replayed: true });
    expect(await h.balanceOf(from.id)).toBe(9000n);
  });

  it('moves money once when requests with the same key race', async () => {
    const { h, from, to } = await twoAccounts();
    const command = { actor: alice, fromAccountId: from.id, toAccountId: to.id, amount: '10.00', idempotencyKey: aKey() };
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => h.useCases.transfer.execute(command)));
    expect(outcomes.filter((outcome) => !outcome.replayed)).toHaveLength(1);
    expect(new Set(outcomes.map((outcome) => outcome.result.transferId)).size).toBe(1);
    expect(await h.balanceOf(from.id)).toBe(9000n);
  });

  it('refuses a reused key with a different request: idempotency_key_reused', async () => {
    const { h, from, to } = await twoAccounts();
    const key = aKey();
    await h.useCases.transfer.execute({ actor: alice, fromAccountId: from.id, toAccountId: to.id, amount: '10.00', idempotencyKey: key });
    const error = await rejectionOf(
      h.useCases.transfer.execute({ actor: alice, fromAccountId: from.id, toAccountId: to.id, amount: '11.00', idempotencyKey: key }),
    );
    expect([error.code, error.status]).toEqual(['idempotency_key_reused', 422]);
    expect(await h.balanceOf(from.id)).toBe(9000n);
  });

  it('scopes keys per user', async () => {
    const { h, from, to } = await twoAccounts();
    const back = await h.fundedAccount(bob, '5.00');
    const key = aKey();
    await h.useCases.transfer.execute({ actor: alice, fromAccountId: from.id, toAccountId: to.id, amount: '1.00', idempotencyKey: key });
    const bobs = await h.useCases.transfer.execute({ actor: bob, fromAccountId: back.id, toAccountId: from.id, amount: '2.00', idempotencyKey: key });
    expect(bobs.replayed).toBe(false);
    expect(await h.balanceOf(from.id)).toBe(9900n + 200n);
  });

  it('remembers no key for a refused transfer, so the same key works once funds arrive', async () => {
    const { h, from, to } = await twoAccounts('5.00');
    const command = { actor: alice, fromAccountId: from.id, toAccountId: to.id, amount: '6.00', idempotencyKey: aKey() };
    expect((await rejectionOf(h.useCases.transfer.execute(command))).code).toBe('insufficient_funds');
    expect(await h.balanceOf(from.id)).toBe(500n);
    await h.useCases.deposit.execute({ actor: alice, accountId: from.id, amount: '1.00', testMode: true });
    expect((await h.useCases.transfer.execute(command)).replayed).toBe(false);
    expect(await h.balanceOf(to.id)).toBe(600n);
  });

  it.each([
    ['the same account', (ids: { from: string; to: string }) => ({ fromAccountId: ids.from, toAccountId: ids.from }), 'same_account', 400],
    ['a foreign source account', (ids: { from: string; to: string }) => ({ fromAccountId: ids.to, toAccountId: ids.from }), 'account_not_found', 404],
    ['an unknown target account', (ids: { from: string; to: string }) => ({ fromAccountId: ids.from, toAccountId: '999999' }), 'account_not_found', 404],
  ])('refuses a transfer to %s', async (_name, route, code, status) => {
    const { h, from, to } = await twoAccounts();
    const error = await rejectionOf(
      h.useCases.transfer.execute({ actor: alice, amount: '1.00', idempotencyKey: aKey(), ...route({ from: from.id, to: to.id }) }),
    );
    expect([error.code, error.status]).toEqual([code, status]);
    expect(await h.balanceOf(from.id)).toBe(10_000n);
  });

  it('tells the owner of both accounts that their currencies differ: currency_mismatch', async () => {
    const { h, from } = await twoAccounts();
    const yen = await h.newAccount(alice, 'JPY');
    const error = await rejectionOf(
      h.useCases.transfer.execute({ actor: alice, fromAccountId: from.id, toAccountId: yen.id, amount: '1', idempotencyKey: aKey() }),
    );
    expect(error.code).toBe('currency_mismatch');
  });

  it('answers a foreign account that cannot receive exactly like a missing one, so ids cannot be probed', async () => {
    const { h, from } = await twoAccounts();
    const yen = await h.newAccount(bob, 'JPY');
    const attempt = async (toAccountId: string) => {
      const error = await rejectionOf(h.useCases.transfer.execute({ actor: alice, fromAccountId: from.id, toAccountId, amount: '1', idempotencyKey: aKey() }));
      // The id is the caller's own input; everything else must match.
      return JSON.stringify({ status: error.status, body: error.toJSON() }).replaceAll(toAccountId, '<to>');
    };
    const missing = await attempt('999999');
    expect(await attempt(yen.id)).toBe(missing);
    expect(missing).toContain('account_not_found');
    expect(await h.balanceOf(from.id)).toBe(10_000n);
  });

  it('answers a foreign account that is full exactly like a missing one; its owner learns why', async () => {
    const { h, from } = await twoAccounts();
    const full = await h.fundedAccount(bob, '9999999999999999.99');
    const attempt = async (actor: typeof alice, fromAccountId: string, toAccountId: string) => {
      const error = await rejectionOf(h.useCases.transfer.execute({ actor, fromAccountId, toAccountId, amount: '1', idempotencyKey: aKey() }));
      return JSON.stringify({ status: error.status, body: error.toJSON() }).replaceAll(toAccountId, '<to>');
    };
    const missing = await attempt(alice, from.id, '999999');
    expect(await attempt(alice, from.id, full.id)).toBe(missing);
    const own = await h.fundedAccount(bob, '5.00');
    expect(await attempt(bob, own.id, full.id)).toContain('balance_limit_exceeded');
    expect(await h.balanceOf(from.id)).toBe(10_000n);
  });

  it.each([
    ['0.00', 'zero_amount'],
    ['-1.00', 'negative_amount'],
    ['1.005', 'too_many_decimals'],
    ['1e3', 'invalid_decimal'],
    ['', 'invalid_decimal'],
  ])('refuses amount %j with %s', async (amount, code) => {
    const { h, from, to } = await twoAccounts();
    expect(
      (await rejectionOf(h.useCases.transfer.execute({ actor: alice, fromAccountId: from.id, toAccountId: to.id, amount, idempotencyKey: aKey() }))).code,
    ).toBe(code);
  });

  it.each([[''], ['has space'], ['x'.repeat(129)], ['ключ']])('refuses Idempotency-Key %j', async (key) => {
    const { h, from, to } = await twoAccounts();
    const error = await rejectionOf(
      h.useCases.transfer.execute({ actor: alice, fromAccountId: from.id, toAccountId: to.id, amount: '1', idempotencyKey: key }),
    );
    expect([error.code, error.status]).toEqual(['invalid_idempotency_key', 400]);
  });

  it('keeps opposite transfers between two accounts consistent', async () => {
    const h = accountHarness();
    const a = await h.fundedAccount(alice, '100.00');
    const b = await h.fundedAccount(bob, '100.00');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? h.useCases.transfer.execute({ actor: alice, fromAccountId: a.id, toAccountId: b.id, amount: '3.00', idempotencyKey: aKey() })
          : h.useCases.transfer.execute({ actor: bob, fromAccountId: b.id, toAccountId: a.id, amount: '1.00', idempotencyKey: aKey() }),
      ),
    );
    expect(await h.balanceOf(a.id)).toBe(10_000n - 20n * 300n + 20n * 100n);
    expect((await h.balanceOf(a.id)) + (await h.balanceOf(b.id))).toBe(20_000n);
    expect(await h.adapters.ledger.sumFor(a.id)).toBe(await h.balanceOf(a.id));
  });

  it('retries a transfer that met a concurrent modification, and gives up with a 409 after its attempts', async () => {
    let conflictsLeft = 0;
    const flaky = (inner: UnitOfWork): UnitOfWork => ({
      run: (work) =>
        inner.run(async (tx) => {
          const result = await work(tx);
          if (conflictsLeft-- > 0) throw new ConcurrentModificationError('account', 'raced');
          return result;
        }),
    });
    const h = accountHarness({ wrapUnitOfWork: flaky });
    const from = await h.fundedAccount(alice, '10.00');
    const to = await h.newAccount(bob);
    conflictsLeft = 2;
    await h.useCases.transfer.execute({ actor: alice, fromAccountId: from.id, toAccountId: to.id, amount: '1.00', idempotencyKey: aKey() });
    expect(h.retries).toEqual(['transfer', 'transfer']);
    expect(await h.balanceOf(from.id)).toBe(900n);

    conflictsLeft = Number.POSITIVE_INFINITY;
    const error = await rejectionOf(
      h.useCases.transfer.execute({ actor: alice, fromAccountId: from.id, toAccountId: to.id, amount: '1.00', idempotencyKey: aKey() }),
    );
    expect([error.code, error.status]).toEqual(['concurrent_modification', 409]);
    expect(await h.balanceOf(from.id)).toBe(900n);
  });
});

import { describe, expect, it } from 'vitest';
import { admin, alice, accountHarness, aKey, bob } from '../test-support/account-harness';
import { rejectionOf } from '../test-support/rejection';

describe('Deposit', () => {
  it('lets an admin credit any account, with a ledger entry and an event', async () => {
    const h = accountHarness();
    const account = await h.newAccount(alice);
    const { result, replayed } = await h.useCases.deposit.execute({ actor: admin, accountId: account.id, amount: '25.50' });
    expect(replayed).toBe(false);
    expect(result).toMatchObject({ accountId: account.id, amount: 2550n, currency: 'USD', balanceAfter: 2550n });
    expect(await h.balanceOf(account.id)).toBe(2550n);
    expect(await h.adapters.ledger.byReference(result.depositId)).toMatchObject([{ kind: 'deposit', amount: 2550n, balanceAfter: 2550n }]);
    expect((await h.pendingEvents()).map((event) => event.type)).toEqual(['account.opened', 'account.deposited']);
  });

  it('forbids users outside test mode: deposits_forbidden', async () => {
    const h = accountHarness();
    const account = await h.newAccount(alice);
    const error = await rejectionOf(h.useCases.deposit.execute({ actor: alice, accountId: account.id, amount: '1.00' }));
    expect([error.code, error.status]).toEqual(['deposits_forbidden', 403]);
    expect(await h.balanceOf(account.id)).toBe(0n);
  });

  it('lets owners credit only their own accounts in test mode', async () => {
    const h = accountHarness();
    const account = await h.newAccount(alice);
    await h.useCases.deposit.execute({ actor: alice, accountId: account.id, amount: '1.00', testMode: true });
    expect(await h.balanceOf(account.id)).toBe(100n);
    expect((await rejectionOf(h.useCases.deposit.execute({ actor: bob, accountId: account.id, amount: '1.00', testMode: true }))).code).toBe(
      'account_not_found',
    );
  });

  it('takes money from an enabled card of the account only', async () => {
    const h = accountHarness();
    const account = await h.newAccount(alice);
    expect(
      (await rejectionOf(h.useCases.deposit.execute({ actor: alice, accountId: account.id, amount: '1', cardNumber: '6222020000000001', testMode: true })))
        .code,
    ).toBe('card_not_found');
    await h.useCases.addBankCard.execute({ actor: alice, accountId: account.id, number: '6222020000000001', bankName: 'ICBC' });
    await h.useCases.disableBankCard.execute({ actor: alice, accountId: account.id, number: '6222020000000001' });
    expect(
      (await rejectionOf(h.useCases.deposit.execute({ actor: alice, accountId: account.id, amount: '1', cardNumber: '6222020000000001', testMode: true })))
        .code,
    ).toBe('card_disabled');
    await h.useCases.enableBankCard.execute({ actor: alice, accountId: account.id, number: '6222020000000001' });
    await h.useCases.deposit.execute({ actor: alice, accountId: account.id, amount: '1', cardNumber: '6222020000000001', testMode: true });
    expect(await h.balanceOf(account.id)).toBe(100n);
  });

  it.each([
    ['0', 'zero_amount'],
    ['-5', 'negative_amount'],
    ['1.001', 'too_many_decimals'],
    ['ten', 'invalid_decimal'],
    [1.5, 'invalid_decimal'],
  ])('refuses amount %j with %s', async (amount, code) => {
    const h = accountHarness();
    const account = await h.newAccount(alice);
    const error = await rejectionOf(h.useCases.deposit.execute({ actor: admin, accountId: account.id, amount }));
    expect([error.code, error.status]).toEqual([code, 400]);
    expect(await h.balanceOf(account.id)).toBe(0n);
  });

  it('credits once per Idempotency-Key and replays the first receipt', async () => {
    const h = accountHarness();
    const account = await h.newAccount(alice);
    const key = aKey();
    const first = await h.useCases.deposit.execute({ actor: admin, accountId: account.id, amount: '5', idempotencyKey: key });
    const again = await h.useCases.deposit.execute({ actor: admin, accountId: account.id, amount: '5.00', idempotencyKey: key });
    expect(again).toEqual({ result: first.result, replayed: true });
    expect(await h.balanceOf(account.id)).toBe(500n);
  });
});

import { describe, expect, it } from 'vitest';
import { alice, accountHarness, aKey, bob } from '../test-support/account-harness';
import { rejectionOf } from '../test-support/rejection';

const CARD = '6222020000000001';

async function withCard() {
  const h = accountHarness();
  const account = await h.fundedAccount(alice, '50.00');
  await h.useCases.addBankCard.execute({ actor: alice, accountId: account.id, number: CARD, bankName: 'ICBC' });
  return { h, account };
}

describe('Withdraw', () => {
  it('sends money to an enabled card, with a ledger entry and an event', async () => {
    const { h, account } = await withCard();
    const { result } = await h.useCases.withdraw.execute({ actor: alice, accountId: account.id, amount: '20.00', cardNumber: CARD });
    expect(result).toMatchObject({ amount: 2000n, balanceAfter: 3000n, cardNumber: CARD });
    expect(await h.balanceOf(account.id)).toBe(3000n);
    expect(await h.adapters.ledger.byReference(result.withdrawalId)).toMatchObject([{ kind: 'withdrawal', amount: -2000n }]);
    expect((await h.pendingEvents()).at(-1)).toMatchObject({ type: 'account.withdrawn', data: { amount: '20.00', cardLast4: '0001' } });
  });

  it('refuses a disabled or missing card, and more than the balance', async () => {
    const { h, account } = await withCard();
    expect((await rejectionOf(h.useCases.withdraw.execute({ actor: alice, accountId: account.id, amount: '1', cardNumber: '6222020000000002' }))).code).toBe(
      'card_not_found',
    );
    expect((await rejectionOf(h.useCases.withdraw.execute({ actor: alice, accountId: account.id, amount: '50.01', cardNumber: CARD }))).code).toBe(
      'insufficient_funds',
    );
    await h.useCases.disableBankCard.execute({ actor: alice, accountId: account.id, number: CARD });
    expect((await rejectionOf(h.useCases.withdraw.execute({ actor: alice, accountId: account.id, amount: '1', cardNumber: CARD }))).code).toBe('card_disabled');
    expect(await h.balanceOf(account.id)).toBe(5000n);
  });

  it('is for owners only', async () => {
    const { h, account } = await withCard();
    expect((await rejectionOf(h.useCases.withdraw.execute({ actor: bob, accountId: account.id, amount: '1', cardNumber: CARD }))).code).toBe(
      'account_not_found',
    );
  });

  it('withdraws once per Idempotency-Key', async () => {
    const { h, account } = await withCard();
    const key = aKey();
    await h.useCases.withdraw.execute({ actor: alice, accountId: account.id, amount: '10', cardNumber: CARD, idempotencyKey: key });
    const again = await h.useCases.withdraw.execute({ actor: alice, accountId: account.id, amount: '10', cardNumber: CARD, idempotencyKey: key });
    expect(again.replayed).toBe(true);
    expect(await h.balanceOf(account.id)).toBe(4000n);
  });
});

import { describe, expect, it } from 'vitest';
import { alice, accountHarness, bob } from '../test-support/account-harness';
import { rejectionOf } from '../test-support/rejection';

const CARD = '6222020000000001';

async function accountWithCard() {
  const h = accountHarness();
  const account = await h.newAccount(alice);
  await h.useCases.addBankCard.execute({ actor: alice, accountId: account.id, number: CARD, bankName: 'ICBC' });
  return { h, account };
}

describe('bank card use cases', () => {
  it('AddBankCard adds an enabled card once per number', async () => {
    const { h, account } = await accountWithCard();
    expect((await h.adapters.accounts.findById(account.id))?.cards).toMatchObject([{ number: CARD, bankName: 'ICBC', enabled: true }]);
    const error = await rejectionOf(h.useCases.addBankCard.execute({ actor: alice, accountId: account.id, number: CARD, bankName: 'BOC' }));
    expect([error.code, error.status]).toEqual(['card_exists', 409]);
    expect((await h.pendingEvents()).at(-1)).toMatchObject({ type: 'account.card-added', data: { cardLast4: '0001' } });
  });

  it('AddBankCard validates the card before touching the account', async () => {
    const h = accountHarness();
    const account = await h.newAccount(alice);
    expect((await rejectionOf(h.useCases.addBankCard.execute({ actor: alice, accountId: account.id, number: '12', bankName: 'ICBC' }))).code).toBe(
      'invalid_card_number',
    );
    expect((await rejectionOf(h.useCases.addBankCard.execute({ actor: alice, accountId: account.id, number: CARD, bankName: ' ' }))).code).toBe(
      'invalid_bank_name',
    );
  });

  it('DisableBankCard and EnableBankCard toggle, and a repeat is a silent no-op', async () => {
    const { h, account } = await accountWithCard();
    await h.useCases.disableBankCard.execute({ actor: alice, accountId: account.id, number: CARD });
    const twice = await h.useCases.disableBankCard.execute({ actor: alice, accountId: account.id, number: CARD });
    expect(twice.cards[0]?.enabled).toBe(false);
    await h.useCases.enableBankCard.execute({ actor: alice, accountId: account.id, number: CARD });
    expect((await h.adapters.accounts.findById(account.id))?.cards[0]?.enabled).toBe(true);
    const types = (await h.pendingEvents()).map((event) => event.type);
    expect(types.filter((type) => type === 'account.card-disabled')).toHaveLength(1);
    expect(types.filter((type) => type === 'account.card-enabled')).toHaveLength(1);
  });

  it('RemoveBankCard removes it; a second removal is card_not_found', async () => {
    const { h, account } = await accountWithCard();
    const after = await h.useCases.removeBankCard.execute({ actor: alice, accountId: account.id, number: CARD });
    expect(after.cards).toEqual([]);
    const error = await rejectionOf(h.useCases.removeBankCard.execute({ actor: alice, accountId: account.id, number: CARD }));
    expect([error.code, error.status]).toEqual(['card_not_found', 404]);
    expect((await h.pendingEvents()).at(-1)?.type).toBe('account.card-removed');
  });

  it.each(['enableBankCard', 'disableBankCard', 'removeBankCard'] as const)('%s reports an unknown card as card_not_found', async (useCase) => {
    const { h, account } = await accountWithCard();
    expect((await rejectionOf(h.useCases[useCase].execute({ actor: alice, accountId: account.id, number: '6222020000000009' }))).code).toBe('card_not_found');
  });

  it('leaves other users’ cards alone', async () => {
    const { h, account } = await accountWithCard();
    for (const attempt of [
      h.useCases.addBankCard.execute({ actor: bob, accountId: account.id, number: '6222020000000002', bankName: 'BOC' }),
      h.useCases.disableBankCard.execute({ actor: bob, accountId: account.id, number: CARD }),
      h.useCases.removeBankCard.execute({ actor: bob, accountId: account.id, number: CARD }),
    ]) {
      expect((await rejectionOf(attempt)).code).toBe('account_not_found');
    }
    expect((await h.adapters.accounts.findById(account.id))?.cards).toMatchObject([{ number: CARD, enabled: true }]);
  });
});

import { describe, expect, it } from 'vitest';
import { aCard, aLoadedAccount, anAccount, anAddress, aPosting, aStamp, T0 } from '../test-support/account-mother';
import { errorOf } from '../test-support/expect-error';
import { MAX_UNITS } from '../money/amount';
import { currencyOf } from '../money/currency';
import { Account, MAX_CARDS_PER_ACCOUNT } from './account';

describe('Account', () => {
  it('opens empty, at version 0, owned by its opener', () => {
    const account = Account.open({ id: '1', ownerId: 'u1', currency: currencyOf('CNY'), now: T0 }, aStamp());
    expect(account.balance).toBe(0n);
    expect(account.version).toBe(0);
    expect(account.isNew).toBe(true);
    expect(account.address).toBeNull();
    expect(account.isOwnedBy('u1')).toBe(true);
    expect(account.isOwnedBy('u2')).toBe(false);
    expect(account.currency).toEqual({ code: 'CNY', scale: 2 });
  });

  describe('credit and debit', () => {
    it('move the balance and record a signed ledger entry each', () => {
      const account = aLoadedAccount();
      const credit = account.credit(500n, { ...aPosting('deposit', 'dep-1') });
      const debit = account.debit(200n, { ...aPosting('transfer_out', 'tr-1'), counterpartyAccountId: '99' });
      expect(account.balance).toBe(300n);
      expect(credit).toMatchObject({
        accountId: account.id,
        kind: 'deposit',
        amount: 500n,
        balanceAfter: 500n,
        reference: 'dep-1',
        counterpartyAccountId: null,
      });
      expect(debit).toMatchObject({ kind: 'transfer_out', amount: -200n, balanceAfter: 300n, counterpartyAccountId: '99' });
      expect(account.changes().ledgerEntries).toEqual([credit, debit]);
    });

    it('never lets the balance go negative: insufficient_funds, and nothing changes', () => {
      const account = aLoadedAccount({ balance: 100n });
      const error = errorOf(() => account.debit(101n, aPosting('withdrawal')));
      expect(error.code).toBe('insufficient_funds');
      expect(error.status).toBe(422);
      expect(account.balance).toBe(100n);
      expect(account.changes().isEmpty).toBe(true);
    });

    it('allows debiting the whole balance', () => {
      const account = aLoadedAccount({ balance: 100n });
      account.debit(100n, aPosting('withdrawal'));
      expect(account.balance).toBe(0n);
    });

    it('refuses a credit past the largest holdable balance: balance_limit_exceeded', () => {
      const account = aLoadedAccount({ balance: MAX_UNITS });
      expect(errorOf(() => account.credit(1n, aPosting('deposit'))).code).toBe('balance_limit_exceeded');
      expect(account.balance).toBe(MAX_UNITS);
    });

    it.each([0n, -5n])('treats a non-positive amount (%s) as a programming error', (amount) => {
      const account = aLoadedAccount({ balance: 100n });
      expect(() => account.credit(amount, aPosting('deposit'))).toThrow(RangeError);
      expect(() => account.debit(amount, aPosting('withdrawal'))).toThrow(RangeError);
    });
  });

  describe('address', () => {
    it('is replaced whole, and setting an equal one changes nothing', () => {
      const account = aLoadedAccount();
      expect(account.changeAddress(anAddress(), aStamp())).toBe(true);
      expect(account.changeAddress(anAddress(), aStamp())).toBe(false);
      expect(account.address?.toJSON()).toEqual(anAddress().toJSON());
      expect(account.changes().address).toEqual(anAddress().toJSON());
    });
  });

  describe('bank cards', () => {
    it('are added once per number: card_exists', () => {
      const account = aLoadedAccount();
      account.addBankCard(aCard('6222020000000001'), aStamp());
      const error = errorOf(() => account.addBankCard(aCard('6222020000000001', 'Other bank'), aStamp()));
      expect(error.code).toBe('card_exists');
      expect(error.status).toBe(409);
      expect(account.cards).toHaveLength(1);
    });

    it(`are limited to ${MAX_CARDS_PER_ACCOUNT} per account: card_limit_reached`, () => {
      const account = aLoadedAccount();
      for (let i = 0; i < MAX_CARDS_PER_ACCOUNT; i++) account.addBankCard(aCard(`62220200000000${10 + i}`), aStamp());
      expect(errorOf(() => account.addBankCard(aCard('6222020000000099'), aStamp())).code).toBe('card_limit_reached');
    });

    it('are removed, enabled and disabled by number; an unknown number is card_not_found', () => {
      const account = aLoadedAccount();
      account.addBankCard(aCard('6222020000000001'), aStamp());
      expect(account.disableBankCard('6222020000000001', aStamp())).toBe(true);
      expect(account.cards[0]?.enabled).toBe(false);
      expect(account.enableBankCard('6222020000000001', aStamp())).toBe(true);
      expect(account.enableBankCard('6222020000000001', aStamp())).toBe(false);
      expect(account.removeBankCard('6222020000000001', aStamp()).number).toBe('6222020000000001');
      for (const act of [
        () => account.removeBankCard('6222020000000001', aStamp()),
        () => account.enableBankCard('6222020000000001', aStamp()),
        () => account.disableBankCard('6222020000000001', aStamp()),
      ]) {
        const error = errorOf(act);
        expect(error.code).toBe('card_not_found');
        expect(error.status).toBe(404);
      }
    });

    it('are reachable only through the account: the list is a copy', () => {
      const account = aLoadedAccount();
      account.addBankCard(aCard(), aStamp());
      const cards = account.cards as unknown as { enabled: boolean }[];
      cards[0]!.enabled = false;
      expect(account.cards[0]?.enabled).toBe(true);
    });

    it('must be on the account and enabled to deposit from or withdraw to', () => {
      const account = aLoadedAccount({ balance: 1000n });
      expect(errorOf(() => account.withdrawToCard('6222020000000001', 10n, aPosting('withdrawal'), aStamp())).code).toBe('card_not_found');
      account.addBankCard(aCard('6222020000000001'), aStamp());
      account.disableBankCard('6222020000000001', aStamp());
      const error = errorOf(() => account.deposit(10n, aPosting('deposit'), aStamp(), '6222020000000001'));
      expect(error.code).toBe('card_disabled');
      expect(error.status).toBe(422);
      account.enableBankCard('6222020000000001', aStamp());
      account.withdrawToCard('6222020000000001', 10n, aPosting('withdrawal'), aStamp());
      account.deposit(5n, aPosting('deposit'), aStamp(), '6222020000000001');
      expect(account.balance).toBe(995n);
    });
  });

  describe('dirty tracking', () => {
    it('lists a new account whole', () => {
      const account = anAccount({ balance: 100n });
      account.addBankCard(aCard(), aStamp());
      const changes = account.changes();
      expect(changes).toMatchObject({ isNew: true, expectedVersion: 0, balance: 100n, address: null, isEmpty: false });
      expect(changes.cardsAdded).toHaveLength(1);
      expect(changes.ledgerEntries).toHaveLength(1);
    });

    it('lists nothing for a loaded account left alone', () => {
      const changes = aLoadedAccount({ balance: 100n }).changes();
      expect(changes).toMatchObject({ isNew: false, expectedVersion: 1, isEmpty: true, cardsAdded: [], cardsRemoved: [], cardsUpdated: [] });
      expect(changes).not.toHaveProperty('balance');
      expect(changes).not.toHaveProperty('address');
    });

    it('lists only the fields and card rows that changed', () => {
      const loaded = aLoadedAccount();
      loaded.addBankCard(aCard('6222020000000001'), aStamp());
      loaded.addBankCard(aCard('6222020000000002'), aStamp());
      loaded.markSaved();
      loaded.changeAddress(anAddress(), aStamp());
      loaded.disableBankCard('6222020000000001', aStamp());
      loaded.removeBankCard('6222020000000002', aStamp());
      loaded.addBankCard(aCard('6222020000000003'), aStamp());
      const changes = loaded.changes();
      expect(changes).not.toHaveProperty('balance');
      expect(changes.address).toEqual(anAddress().toJSON());
      expect(changes.cardsAdded.map((card) => card.number)).toEqual(['6222020000000003']);
      expect(changes.cardsRemoved).toEqual(['6222020000000002']);
      expect(changes.cardsUpdated.map((card) => [card.number, card.enabled])).toEqual([['6222020000000001', false]]);
      expect(changes.expectedVersion).toBe(2);
    });

    it('does not report a change that was undone', () => {
      const account = aLoadedAccount();
      account.addBankCard(aCard('6222020000000001'), aStamp());
      account.markSaved();
      account.disableBankCard('6222020000000001', aStamp());
      account.enableBankCard('6222020000000001', aStamp());
      expect(account.changes().isEmpty).toBe(true);
    });

    it('starts a new baseline and bumps the version once saved', () => {
      const account = aLoadedAccount();
      account.credit(10n, aPosting('deposit'));
      account.markSaved();
      expect(account.version).toBe(2);
      expect(account.changes().isEmpty).toBe(true);
      expect(account.changes().ledgerEntries).toEqual([]);
    });

    it('round-trips through a snapshot', () => {
      const account = aLoadedAccount({ balance: 250n });
      account.changeAddress(anAddress(), aStamp());
      account.addBankCard(aCard(), aStamp());
      account.markSaved();
      const restored = Account.restore(account.snapshot());
      expect(restored.snapshot()).toEqual(account.snapshot());
      expect(restored.changes().isEmpty).toBe(true);
    });
  });
});

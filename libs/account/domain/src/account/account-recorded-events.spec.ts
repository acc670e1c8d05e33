import { describe, expect, it } from 'vitest';
import { aCard, aLoadedAccount, aLoadedPoints, anAddress, aPosting, aStamp, T0 } from '../test-support/account-mother';
import { errorOf } from '../test-support/expect-error';
import { currencyOf } from '../money/currency';
import { Points } from '../points/points';
import { transferFunds } from '../transfer/transfer-funds';
import { Account } from './account';

const types = (aggregate: { pendingEvents: readonly { type: string }[] }) => aggregate.pendingEvents.map((event) => event.type);

describe('aggregates record their own domain events', () => {
  it('an account records its opening, money movements and card and address changes, in order', () => {
    const account = Account.open({ id: 'a1', ownerId: 'u1', currency: currencyOf('USD'), now: T0 }, { id: 'ev-open', at: T0 });
    account.addBankCard(aCard('6222020000000001'), aStamp());
    account.deposit(500n, aPosting('deposit', 'd1'), { id: 'ev-dep', at: T0 });
    account.withdrawToCard('6222020000000001', 200n, aPosting('withdrawal', 'w1'), aStamp());
    account.changeAddress(anAddress(), aStamp());
    account.disableBankCard('6222020000000001', aStamp());
    account.enableBankCard('6222020000000001', aStamp());
    account.removeBankCard('6222020000000001', aStamp());
    expect(types(account)).toEqual([
      'account.opened',
      'account.card-added',
      'account.deposited',
      'account.withdrawn',
      'account.address-changed',
      'account.card-disabled',
      'account.card-enabled',
      'account.card-removed',
    ]);
    expect(account.pendingEvents[0]).toMatchObject({ id: 'ev-open', aggregateId: 'a1', data: { ownerId: 'u1', currency: 'USD' } });
    expect(account.pendingEvents[2]).toMatchObject({ id: 'ev-dep', data: { depositId: 'd1', amount: '5.00', balance: '5.00' } });
  });

  it('records nothing for a change that changes nothing or is refused', () => {
    const account = aLoadedAccount({ balance: 10n });
    account.addBankCard(aCard('6222020000000001'), aStamp());
    account.pullEvents();
    account.enableBankCard('6222020000000001', aStamp());
    account.changeAddress(anAddress(), aStamp());
    account.changeAddress(anAddress(), aStamp());
    expect(errorOf(() => account.withdrawToCard('6222020000000001', 11n, aPosting('withdrawal'), aStamp())).code).toBe('insufficient_funds');
    expect(types(account)).toEqual(['account.address-changed']);
  });

  it('a transfer is recorded once, by the sender, naming both owners', () => {
    const from = aLoadedAccount({ ownerId: 'alice', balance: 100n });
    const to = aLoadedAccount({ ownerId: 'bob' });
    transferFunds({ from, to, amount: 40n, transferId: 't1', entryIds: ['e1', 'e2'], at: T0, eventId: 'ev-t' });
    expect(from.pendingEvents).toEqual([expect.objectContaining({ id: 'ev-t', type: 'account.transferred', recipients: ['alice', 'bob'] })]);
    expect(to.pendingEvents).toEqual([]);
  });

  it('points record their opening and a purchase, which debits the paying account', () => {
    expect(types(Points.open({ id: 'p1', ownerId: 'u1', now: T0 }, aStamp()))).toEqual(['points.opened']);
    const account = aLoadedAccount({ balance: 1000n });
    const points = aLoadedPoints();
    const bought = points.buyWith(account, 250n, aPosting('points_purchase', 'buy-1'), { id: 'ev-buy', at: T0 });
    expect(bought).toBe(250n);
    expect(account.balance).toBe(750n);
    expect(account.pendingEvents).toEqual([]);
    expect(points.pendingEvents).toEqual([
      expect.objectContaining({ id: 'ev-buy', type: 'points.purchased', data: expect.objectContaining({ purchaseId: 'buy-1', paid: '2.50', points: '250' }) }),
    ]);
  });

  it('a save spends what was recorded', () => {
    const account = aLoadedAccount();
    account.changeAddress(anAddress(), aStamp());
    account.markSaved();
    expect(account.pendingEvents).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { aCard, aLoadedAccount, aLoadedPoints, anAddress, aStamp, T0 } from '../test-support/account-mother';
import * as events from './account-events';
import { ACCOUNT_EVENT_TYPES } from './domain-event';

const stamp = { id: 'ev-1', at: T0 };

describe('account events', () => {
  it('carry money as decimal strings at the account scale and name their recipients', () => {
    const from = aLoadedAccount({ ownerId: 'alice', balance: 1234n });
    const to = aLoadedAccount({ ownerId: 'bob' });
    const event = events.accountTransferred(stamp, 't1', from, to, 1234n);
    expect(event).toEqual({
      id: 'ev-1',
      type: 'account.transferred',
      aggregateType: 'account',
      aggregateId: from.id,
      occurredAt: T0,
      recipients: ['alice', 'bob'],
      data: { transferId: 't1', fromAccountId: from.id, toAccountId: to.id, fromOwnerId: 'alice', toOwnerId: 'bob', amount: '12.34', currency: 'USD' },
    });
    expect(JSON.parse(JSON.stringify(event.data))).toEqual(event.data);
  });

  it('notify a user moving money between their own accounts once', () => {
    const from = aLoadedAccount({ ownerId: 'alice', balance: 10n });
    const to = aLoadedAccount({ ownerId: 'alice' });
    expect(events.accountTransferred(stamp, 't1', from, to, 1n).recipients).toEqual(['alice']);
  });

  it('never carry a full card number', () => {
    const account = aLoadedAccount();
    account.changeAddress(anAddress(), aStamp());
    const card = aCard('6222020000001234');
    const all = [
      events.accountCardAdded(stamp, account, card.snapshot()),
      events.accountCardRemoved(stamp, account, card.snapshot()),
      events.accountCardEnabled(stamp, account, card.number),
      events.accountCardDisabled(stamp, account, card.number),
      events.accountWithdrawn(stamp, account, 'w1', 5n, card.number),
    ];
    for (const event of all) {
      expect(JSON.stringify(event)).not.toContain('6222020000001234');
      expect(event.data['cardLast4']).toBe('1234');
    }
  });

  it('cover every event type the domain declares', () => {
    const account = aLoadedAccount({ balance: 100n });
    account.changeAddress(anAddress(), aStamp());
    const points = aLoadedPoints({ points: 100n });
    const card = aCard().snapshot();
    const made = [
      events.accountOpened(stamp, account),
      events.accountDeposited(stamp, account, 'd1', 100n),
      events.accountWithdrawn(stamp, account, 'w1', 1n, card.number),
      events.accountTransferred(stamp, 't1', account, aLoadedAccount(), 1n),
      events.accountAddressChanged(stamp, account),
      events.accountCardAdded(stamp, account, card),
      events.accountCardRemoved(stamp, account, card),
      events.accountCardEnabled(stamp, account, card.number),
      events.accountCardDisabled(stamp, account, card.number),
      events.pointsOpened(stamp, points),
      events.pointsPurchased(stamp, 'pu1', account, points, 100n, 100n),
    ];
    expect(made.map((event) => event.type).sort()).toEqual([...ACCOUNT_EVENT_TYPES].sort());
    expect(made.find((event) => event.type === 'points.purchased')?.data).toMatchObject({ paid: '1.00', points: '100', currency: 'USD' });
  });
});

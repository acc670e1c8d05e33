import type { Account } from '../account/account';
import type { BankCardSnapshot } from '../account/bank-card';
import { formatAmount } from '../money/amount';
import type { Points } from '../points/points';
import type { DomainEvent } from './domain-event';

/** The id and time every event factory needs; use cases supply them from their ports. */
export interface EventStamp {
  readonly id: string;
  readonly at: Date;
}

const last4 = (card: BankCardSnapshot | string) => (typeof card === 'string' ? card : card.number).slice(-4);

function accountEvent(stamp: EventStamp, type: DomainEvent['type'], account: Account, data: DomainEvent['data'], recipients?: string[]): DomainEvent {
  return {
    id: stamp.id,
    type,
    aggregateType: 'account',
    aggregateId: account.id,
    occurredAt: stamp.at,
    recipients: recipients ?? [account.ownerId],
    data,
  };
}

export const accountOpened = (stamp: EventStamp, account: Account): DomainEvent =>
  accountEvent(stamp, 'account.opened', account, { accountId: account.id, ownerId: account.ownerId, currency: account.currency.code });

export const accountDeposited = (stamp: EventStamp, account: Account, depositId: string, amount: bigint): DomainEvent =>
  accountEvent(stamp, 'account.deposited', account, {
    accountId: account.id,
    depositId,
    amount: formatAmount(amount, account.currency),
    currency: account.currency.code,
    balance: formatAmount(account.balance, account.currency),
  });

export const accountWithdrawn = (stamp: EventStamp, account: Account, withdrawalId: string, amount: bigint, cardNumber: string): DomainEvent =>
  accountEvent(stamp, 'account.withdrawn', account, {
    accountId: account.id,
    withdrawalId,
    amount: formatAmount(amount, account.currency),
    currency: account.currency.code,
    cardLast4: last4(cardNumber),
    balance: formatAmount(account.balance, account.currency),
  });

export const accountTransferred = (stamp: EventStamp, transferId: string, from: Account, to: Account, amount: bigint): DomainEvent =>
  accountEvent(
    stamp,
    'account.transferred',
    from,
    {
      transferId,
      fromAccountId: from.id,
      toAccountId: to.id,
      fromOwnerId: from.ownerId,
      toOwnerId: to.ownerId,
      amount: formatAmount(amount, from.currency),
      currency: from.currency.code,
    },
    [...new Set([from.ownerId, to.ownerId])],
  );

export const accountAddressChanged = (stamp: EventStamp, account: Account): DomainEvent =>
  accountEvent(stamp, 'account.address-changed', account, {
    accountId: account.id,
    address: account.address ? { ...account.address.toJSON() } : null,
  });

export const accountCardAdded = (stamp: EventStamp, account: Account, card: BankCardSnapshot): DomainEvent =>
  accountEvent(stamp, 'account.card-added', account, { accountId: account.id, cardLast4: last4(card), bankName: card.bankName });

export const accountCardRemoved = (stamp: EventStamp, account: Account, card: BankCardSnapshot): DomainEvent =>
  accountEvent(stamp, 'account.card-removed', account, { accountId: account.id, cardLast4: last4(card), bankName: card.bankName });

export const accountCardEnabled = (stamp: EventStamp, account: Account, cardNumber: string): DomainEvent =>
  accountEvent(stamp, 'account.card-enabled', account, { accountId: account.id, cardLast4: last4(cardNumber) });

export const accountCardDisabled = (stamp: EventStamp, account: Account, cardNumber: string): DomainEvent =>
  accountEvent(stamp, 'account.card-disabled', account, { accountId: account.id, cardLast4: last4(cardNumber) });

export const pointsOpened = (stamp: EventStamp, points: Points): DomainEvent => ({
  id: stamp.id,
  type: 'points.opened',
  aggregateType: 'points',
  aggregateId: points.id,
  occurredAt: stamp.at,
  recipients: [points.ownerId],
  data: { pointsId: points.id, ownerId: points.ownerId },
});

export const pointsPurchased = (stamp: EventStamp, purchaseId: string, account: Account, points: Points, paid: bigint, bought: bigint): DomainEvent => ({
  id: stamp.id,
  type: 'points.purchased',
  aggregateType: 'points',
  aggregateId: points.id,
  occurredAt: stamp.at,
  recipients: [points.ownerId],
  data: {
    purchaseId,
    pointsId: points.id,
    accountId: account.id,
    paid: formatAmount(paid, account.currency),
    currency: account.currency.code,
    points: bought.toString(),
    balance: points.points.toString(),
  },
});

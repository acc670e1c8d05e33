import { Account, Address, BankCard, currencyOf, Points, type DomainEvent, type Posting } from '@mosaic/account-domain';
import { SnowflakeIds } from '@mosaic/kit-core';
import { uniqueName } from '@mosaic/kit-testing';

/** Object mothers for the repository contracts: unique ids and owners, so tests share storage safely. */
const ids = new SnowflakeIds(901);
export const nextId = () => ids.next();
export const anOwner = () => uniqueName('owner');
/** Millisecond precision: what DATETIME(3) keeps. */
export const at = (offsetMs = 0) => new Date(Date.UTC(2026, 2, 1, 12, 0, 0) + offsetMs);

export const anAddress = (line = '1 Lake Road') => Address.of({ province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', line });

export const aCard = (number = '6222020000000001', offsetMs = 0) => BankCard.issue({ number, bankName: 'ICBC', now: at(offsetMs) });

export function aNewAccount(options: { ownerId?: string; currency?: string; balance?: bigint; withAddress?: boolean; cards?: string[] } = {}): Account {
  const account = Account.open(
    {
      id: nextId(),
      ownerId: options.ownerId ?? anOwner(),
      currency: currencyOf(options.currency ?? 'USD'),
      address: options.withAddress ? anAddress() : null,
      now: at(),
    },
    aStamp(),
  );
  if (options.balance) account.credit(options.balance, aPosting('deposit'));
  (options.cards ?? []).forEach((number, index) => account.addBankCard(aCard(number, index), aStamp()));
  return account;
}

/** A fresh event id and time: what a use case hands an aggregate behaviour that records an event. */
export const aStamp = () => ({ id: nextId(), at: at() });

export function aPosting<Kind extends Posting['kind']>(
  kind: Kind,
  reference = nextId(),
  counterpartyAccountId: string | null = null,
  offsetMs = 0,
): Posting<Kind> {
  return { entryId: nextId(), kind, reference, counterpartyAccountId, at: at(offsetMs) };
}

export const aNewPoints = (ownerId = anOwner()) => Points.open({ id: nextId(), ownerId, now: at() }, aStamp());

export function anEvent(overrides: Partial<DomainEvent> = {}): DomainEvent {
  const aggregateId = overrides.aggregateId ?? nextId();
  return {
    id: nextId(),
    type: 'account.transferred',
    aggregateType: 'account',
    aggregateId,
    occurredAt: at(),
    recipients: ['alice', 'bob'],
    data: { transferId: nextId(), amount: '12.50', currency: 'USD', nested: { list: [1, 'two', null, true] } },
    ...overrides,
  };
}

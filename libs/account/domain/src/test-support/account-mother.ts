import { Account } from '../account/account';
import { Address } from '../account/address';
import { BankCard } from '../account/bank-card';
import type { Posting } from '../ledger/ledger-entry';
import { currencyOf } from '../money/currency';
import { Points } from '../points/points';

export const T0 = new Date(Date.UTC(2026, 0, 1));
let sequence = 1000;
const nextId = () => String(++sequence);

export const anAddress = (overrides: Partial<Record<'province' | 'city' | 'district' | 'line', string>> = {}) =>
  Address.of({ province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', line: '1 Lake Road', ...overrides });

export const aCard = (number = '6222020000000001', bankName = 'ICBC') => BankCard.issue({ number, bankName, now: T0 });

export function anAccount(overrides: { id?: string; ownerId?: string; currency?: string; balance?: bigint } = {}): Account {
  const account = Account.open(
    {
      id: overrides.id ?? nextId(),
      ownerId: overrides.ownerId ?? 'user-1',
      currency: currencyOf(overrides.currency ?? 'USD'),
      now: T0,
    },
    aStamp(),
  );
  if (overrides.balance) account.credit(overrides.balance, aPosting('deposit'));
  return account;
}

/** An account as a repository would hand it back: saved, with no pending changes. */
export function aLoadedAccount(overrides: Parameters<typeof anAccount>[0] = {}): Account {
  const account = anAccount(overrides);
  return Account.restore({ ...account.snapshot(), version: 1 });
}

/** A fresh event id at T0: what a use case hands an aggregate behaviour that records an event. */
export const aStamp = () => ({ id: `ev-${nextId()}`, at: T0 });

export function aPosting<Kind extends Posting['kind']>(kind: Kind, reference = 'op-1'): Posting<Kind> {
  return { entryId: nextId(), kind, reference, at: T0 };
}

export function aLoadedPoints(overrides: { ownerId?: string; points?: bigint } = {}): Points {
  return Points.restore({ id: nextId(), ownerId: overrides.ownerId ?? 'user-1', points: overrides.points ?? 0n, version: 1, createdAt: T0 });
}

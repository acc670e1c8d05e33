import type { LedgerEntry } from '../ledger/ledger-entry';
import type { AddressFields } from './address';
import type { AccountSnapshot } from './account';
import type { BankCardSnapshot } from './bank-card';

/**
 * What saving an account must write. A new account (`isNew`) is written whole; a
 * loaded one writes only the fields set here and only the card rows listed, and
 * checks that the stored version is still `expectedVersion`.
 */
export interface AccountChanges {
  readonly isNew: boolean;
  readonly expectedVersion: number;
  /** Present when the balance changed. */
  readonly balance?: bigint;
  /** Present when the address changed (to another address, or cleared). */
  readonly address?: AddressFields | null;
  readonly cardsAdded: readonly BankCardSnapshot[];
  readonly cardsRemoved: readonly string[];
  /** Cards whose row differs (enabled toggled, or removed and added again): rewrite their columns. */
  readonly cardsUpdated: readonly BankCardSnapshot[];
  /** Entries recorded since loading, oldest first; rows to append. */
  readonly ledgerEntries: readonly LedgerEntry[];
  /** True when nothing needs writing (and the version stays as it is). */
  readonly isEmpty: boolean;
}

export function diffAccount(loaded: AccountSnapshot | null, current: AccountSnapshot, ledgerEntries: readonly LedgerEntry[]): AccountChanges {
  if (!loaded) {
    return {
      isNew: true,
      expectedVersion: 0,
      balance: current.balance,
      address: current.address,
      cardsAdded: current.cards,
      cardsRemoved: [],
      cardsUpdated: [],
      ledgerEntries,
      isEmpty: false,
    };
  }
  const before = new Map(loaded.cards.map((card) => [card.number, card]));
  const after = new Map(current.cards.map((card) => [card.number, card]));
  const cardsAdded = current.cards.filter((card) => !before.has(card.number));
  const cardsRemoved = loaded.cards.filter((card) => !after.has(card.number)).map((card) => card.number);
  const cardsUpdated = current.cards.filter((card) => {
    const old = before.get(card.number);
    return old !== undefined && (old.enabled !== card.enabled || old.bankName !== card.bankName || old.addedAt.getTime() !== card.addedAt.getTime());
  });
  const balanceChanged = loaded.balance !== current.balance;
  const addressChanged = !sameAddress(loaded.address, current.address);
  const changes = {
    isNew: false,
    expectedVersion: loaded.version,
    ...(balanceChanged ? { balance: current.balance } : {}),
    ...(addressChanged ? { address: current.address } : {}),
    cardsAdded,
    cardsRemoved,
    cardsUpdated,
    ledgerEntries,
  };
  const isEmpty =
    !balanceChanged && !addressChanged && cardsAdded.length === 0 && cardsRemoved.length === 0 && cardsUpdated.length === 0 && ledgerEntries.length === 0;
  return { ...changes, isEmpty };
}

function sameAddress(a: AddressFields | null, b: AddressFields | null): boolean {
  if (a === null || b === null) return a === b;
  return a.province === b.province && a.city === b.city && a.district === b.district && a.line === b.line;
}

import { VersionedAggregate } from '@mosaic/kit-core';
import {
  balanceLimitExceeded,
  cardDisabled,
  cardExists,
  cardLimitReached,
  cardNotFound,
  currencyMismatch,
  insufficientFunds,
  sameAccount,
} from '../errors/account-errors';
import {
  accountAddressChanged,
  accountCardAdded,
  accountCardDisabled,
  accountCardEnabled,
  accountCardRemoved,
  accountDeposited,
  accountOpened,
  accountTransferred,
  accountWithdrawn,
  type EventStamp,
} from '../events/account-events';
import type { DomainEvent } from '../events/domain-event';
import type { TransferLegs } from '../transfer/transfer-funds';
import type { CreditKind, DebitKind, LedgerEntry, Posting } from '../ledger/ledger-entry';
import { MAX_UNITS } from '../money/amount';
import { currencyOf, type Currency } from '../money/currency';
import { Address, type AddressFields } from './address';
import { BankCard, type BankCardSnapshot } from './bank-card';
import { diffAccount, type AccountChanges } from './account-changes';

export const MAX_CARDS_PER_ACCOUNT = 10;

/** An account as stored: what a repository loads and what `changes()` compares against. */
export interface AccountSnapshot {
  readonly id: string;
  readonly ownerId: string;
  readonly currency: string;
  readonly balance: bigint;
  readonly address: AddressFields | null;
  readonly cards: readonly BankCardSnapshot[];
  /** How many times it was saved; 0 for an account not yet stored. */
  readonly version: number;
  readonly createdAt: Date;
}

export interface OpenAccountInput {
  id: string;
  ownerId: string;
  currency: Currency;
  address?: Address | null;
  now: Date;
}

/**
 * The account aggregate root. Its balance never goes negative; every balance change
 * records a ledger entry inside the aggregate, so balance and ledger are saved together
 * or not at all. It remembers the state it was loaded in, and `changes()` tells the
 * repository exactly which fields and child rows to write (dirty tracking) and which
 * version to check (optimistic concurrency). Each behaviour that means something to the
 * outside world records its domain event (given the event's id and time by the caller),
 * so a use case only stores and publishes what the account recorded.
 */
export class Account extends VersionedAggregate<DomainEvent> {
  private balanceUnits: bigint;
  private currentAddress: Address | null;
  private readonly cardsByNumber: Map<string, BankCard>;
  private pendingEntries: LedgerEntry[] = [];
  private loaded: AccountSnapshot | null;

  private constructor(
    readonly id: string,
    ownerId: string,
    readonly currency: Currency,
    readonly createdAt: Date,
    state: { balance: bigint; address: Address | null; cards: BankCard[]; version: number; loaded: AccountSnapshot | null },
  ) {
    super({ version: state.version, ownerId });
    this.balanceUnits = state.balance;
    this.currentAddress = state.address;
    this.cardsByNumber = new Map(state.cards.map((card) => [card.number, card]));
    this.loaded = state.loaded;
  }

  static open(input: OpenAccountInput, stamp: EventStamp): Account {
    const account = new Account(input.id, input.ownerId, input.currency, input.now, {
      balance: 0n,
      address: input.address ?? null,
      cards: [],
      version: 0,
      loaded: null,
    });
    account.record(accountOpened(stamp, account));
    return account;
  }

  static restore(snapshot: AccountSnapshot): Account {
    return new Account(snapshot.id, snapshot.ownerId, currencyOf(snapshot.currency), snapshot.createdAt, {
      balance: snapshot.balance,
      address: snapshot.address ? Address.restore(snapshot.address) : null,
      cards: snapshot.cards.map((card) => BankCard.restore(card)),
      version: snapshot.version,
      loaded: snapshot,
    });
  }

  get balance(): bigint {
    return this.balanceUnits;
  }

  get address(): Address | null {
    return this.currentAddress;
  }

  /** Copies, oldest first: cards change only through the account. */
  get cards(): readonly BankCardSnapshot[] {
    return [...this.cardsByNumber.values()].map((card) => card.snapshot()).sort(byAddedThenNumber);
  }

  credit(amount: bigint, posting: Posting<CreditKind>): LedgerEntry {
    this.assertCanCredit(amount);
    return this.move(amount, this.balanceUnits + amount, posting);
  }

  /** Lets a caller changing two aggregates check both before changing either. */
  assertCanCredit(amount: bigint): void {
    assertPositive(amount);
    if (this.balanceUnits + amount > MAX_UNITS) throw balanceLimitExceeded(this.id);
  }

  debit(amount: bigint, posting: Posting<DebitKind>): LedgerEntry {
    assertPositive(amount);
    const next = this.balanceUnits - amount;
    if (next < 0n) throw insufficientFunds(this.id);
    return this.move(-amount, next, posting);
  }

  /** Money entering the account, from one of its own enabled cards when `cardNumber` is given. */
  deposit(amount: bigint, posting: Posting<'deposit'>, stamp: EventStamp, cardNumber?: string): LedgerEntry {
    if (cardNumber !== undefined) this.requireEnabledCard(cardNumber);
    const entry = this.credit(amount, posting);
    this.record(accountDeposited(stamp, this, posting.reference, amount));
    return entry;
  }

  /** Money leaving to one of the account's own cards, which must be enabled. */
  withdrawToCard(cardNumber: string, amount: bigint, posting: Posting<'withdrawal'>, stamp: EventStamp): LedgerEntry {
    this.requireEnabledCard(cardNumber);
    const entry = this.debit(amount, posting);
    this.record(accountWithdrawn(stamp, this, posting.reference, amount, cardNumber));
    return entry;
  }

  /**
   * Money moving to another account of the same currency: one debit here, one credit
   * there, sharing the transfer id and summing to zero. Both sides are checked before
   * either changes, so a refused transfer leaves both untouched. The sender records
   * the event, naming both owners.
   */
  transferTo(to: Account, amount: bigint, transfer: { transferId: string; entryIds: readonly [string, string]; at: Date }, stamp: EventStamp): TransferLegs {
    const { transferId, at } = transfer;
    if (this.id === to.id) throw sameAccount();
    if (this.currency.code !== to.currency.code) throw currencyMismatch(this.currency.code, to.currency.code);
    to.assertCanCredit(amount);
    const debit = this.debit(amount, { entryId: transfer.entryIds[0], kind: 'transfer_out', reference: transferId, counterpartyAccountId: to.id, at });
    const credit = to.credit(amount, { entryId: transfer.entryIds[1], kind: 'transfer_in', reference: transferId, counterpartyAccountId: this.id, at });
    this.record(accountTransferred(stamp, transferId, this, to, amount));
    return { debit, credit };
  }

  /** @returns whether the address changed: setting the same address is a no-op and records nothing. */
  changeAddress(address: Address, stamp: EventStamp): boolean {
    if (address.equals(this.currentAddress)) return false;
    this.currentAddress = address;
    this.record(accountAddressChanged(stamp, this));
    return true;
  }

  addBankCard(card: BankCard, stamp: EventStamp): void {
    if (this.cardsByNumber.has(card.number)) throw cardExists(card.number);
    if (this.cardsByNumber.size >= MAX_CARDS_PER_ACCOUNT) throw cardLimitReached(MAX_CARDS_PER_ACCOUNT);
    this.cardsByNumber.set(card.number, card);
    this.record(accountCardAdded(stamp, this, card.snapshot()));
  }

  removeBankCard(number: string, stamp: EventStamp): BankCardSnapshot {
    const card = this.cardNamed(number).snapshot();
    this.cardsByNumber.delete(number);
    this.record(accountCardRemoved(stamp, this, card));
    return card;
  }

  /** @returns whether anything changed: enabling an enabled card is a no-op and records nothing. */
  enableBankCard(number: string, stamp: EventStamp): boolean {
    const changed = this.cardNamed(number).enable();
    if (changed) this.record(accountCardEnabled(stamp, this, number));
    return changed;
  }

  disableBankCard(number: string, stamp: EventStamp): boolean {
    const changed = this.cardNamed(number).disable();
    if (changed) this.record(accountCardDisabled(stamp, this, number));
    return changed;
  }

  requireEnabledCard(number: string): BankCardSnapshot {
    const card = this.cardNamed(number);
    if (!card.enabled) throw cardDisabled(number);
    return card.snapshot();
  }

  snapshot(): AccountSnapshot {
    return {
      id: this.id,
      ownerId: this.ownerId,
      currency: this.currency.code,
      balance: this.balanceUnits,
      address: this.currentAddress?.toJSON() ?? null,
      cards: this.cards,
      version: this.version,
      createdAt: this.createdAt,
    };
  }

  /** What a save must write: every changed field, card row and new ledger entry since loading. */
  changes(): AccountChanges {
    return diffAccount(this.loaded, this.snapshot(), this.pendingEntries);
  }

  /** The stored changes become the new baseline. */
  protected override afterSave(): void {
    this.pendingEntries = [];
    this.loaded = this.snapshot();
  }

  private move(signedAmount: bigint, next: bigint, posting: Posting): LedgerEntry {
    const entry: LedgerEntry = {
      id: posting.entryId,
      accountId: this.id,
      kind: posting.kind,
      amount: signedAmount,
      balanceAfter: next,
      reference: posting.reference,
      counterpartyAccountId: posting.counterpartyAccountId ?? null,
      createdAt: posting.at,
    };
    this.balanceUnits = next;
    this.pendingEntries.push(entry);
    return entry;
  }

  private cardNamed(number: string): BankCard {
    const card = this.cardsByNumber.get(number);
    if (!card) throw cardNotFound(number);
    return card;
  }
}

function byAddedThenNumber(a: BankCardSnapshot, b: BankCardSnapshot): number {
  return a.addedAt.getTime() - b.addedAt.getTime() || (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);
}

function assertPositive(amount: bigint): void {
  // Amounts are parsed positive at the edge; anything else here is a programming error.
  if (typeof amount !== 'bigint' || amount <= 0n) throw new RangeError(`amounts are positive bigints, got ${String(amount)}`);
}

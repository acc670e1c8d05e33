import { Account, type Balance } from '../assets/account';
import { toBigint } from '../assets/amounts';
import { Currency } from '../assets/currency';
import { OrderIndex } from '../book/order-index';
import type { PriceLevel } from '../book/price-level';
import { Taker } from '../matching/taker';
import type { Market } from './market';
import type { RejectReason } from '../errors/exchange-errors';
import type { AcceptedResult, CommandResult, EngineEvent, RejectedResult } from '../events/exchange-events';
import type { JournalRecord } from '../commands/commands';

/** What `accept` and `reject` return while not reporting: one shared placeholder that nobody reads. */
const UNREPORTED: AcceptedResult = Object.freeze({
  seq: 0,
  time: 0,
  command: 'deposit',
  ref: null,
  accepted: true,
  orderId: null,
  events: Object.freeze([]) as unknown as EngineEvent[],
});

/**
 * Everything the engine holds, plus the scratch of the command being applied.
 * Lists keep creation order and maps are only used for lookup, so nothing the
 * engine does depends on hash iteration order.
 */
export class EngineState {
  lastSeq = 0;
  nextTradeId = 1;
  readonly currencies = new Map<string, Currency>();
  readonly currencyList: Currency[] = [];
  readonly markets = new Map<string, Market>();
  readonly marketList: Market[] = [];
  readonly accounts = new Map<string, Account>();
  readonly accountList: Account[] = [];
  /** Every resting order by id, shared by all books. */
  readonly orders: OrderIndex;

  /** Reused for every incoming order. */
  readonly taker = new Taker();
  seq = 0;
  time = 0;
  ref: string | null = null;
  events: EngineEvent[] = [];
  /** False while replaying for state alone: nothing reads the results, so no events or result objects are built. */
  reporting = true;
  // Reused between commands; only the first `touched…` entries are current.
  private readonly touchedBalances: Balance[] = [];
  private touchedBalanceCount = 0;
  private readonly touchedLevels: PriceLevel[] = [];
  private readonly touchedLevelProducts: string[] = [];
  private touchedLevelCount = 0;

  /** `orderCapacity`: how many resting orders to size the order index for (a restore knows). */
  constructor(orderCapacity?: number) {
    this.orders = new OrderIndex(orderCapacity);
  }

  /** Takes `time` and `ref` only when well-formed: the guard rejects the command before anything else reads them. */
  begin(record: JournalRecord): void {
    this.seq = record.seq;
    const time: unknown = record.time;
    this.time = typeof time === 'number' && Number.isSafeInteger(time) && time >= 0 ? time : 0;
    const ref: unknown = (record.command as { ref?: unknown } | null)?.ref;
    this.ref = typeof ref === 'string' ? ref : null;
    if (this.reporting) this.events = [];
    this.touchedBalanceCount = 0;
    this.touchedLevelCount = 0;
  }

  currency(code: string, scale: number): Currency {
    const existing = this.currencies.get(code);
    if (existing !== undefined) return existing;
    const currency = new Currency(code, scale, this.currencyList.length);
    this.currencies.set(code, currency);
    this.currencyList.push(currency);
    return currency;
  }

  account(userId: string): Account {
    const existing = this.accounts.get(userId);
    if (existing !== undefined) return existing;
    const account = new Account(this.accountList.length, userId);
    this.accounts.set(userId, account);
    this.accountList.push(account);
    return account;
  }

  /** Marks a balance for reporting at the end of the command (once, however often it changed). */
  touchBalance(balance: Balance): void {
    if (this.reporting && balance.reportedAt !== this.seq) {
      balance.reportedAt = this.seq;
      this.touchedBalances[this.touchedBalanceCount++] = balance;
    }
  }

  touchLevel(level: PriceLevel, productId: string): void {
    if (this.reporting && level.reportedAt !== this.seq) {
      level.reportedAt = this.seq;
      this.touchedLevels[this.touchedLevelCount] = level;
      this.touchedLevelProducts[this.touchedLevelCount++] = productId;
    }
  }

  accept(orderId: number | null, commandType: AcceptedResult['command']): AcceptedResult {
    if (!this.reporting) return UNREPORTED;
    const events = this.events;
    const balances = this.touchedBalances;
    for (let i = 0; i < this.touchedBalanceCount; i++) {
      const balance = balances[i];
      events.push({
        type: 'balance',
        userId: balance.account.userId,
        currency: balance.currency.code,
        available: toBigint(balance.available),
        hold: toBigint(balance.hold),
      });
    }
    this.touchedBalanceCount = 0;
    const levels = this.touchedLevels;
    for (let i = 0; i < this.touchedLevelCount; i++) {
      const level = levels[i];
      events.push({ type: 'book', productId: this.touchedLevelProducts[i], side: level.side, price: level.price, size: level.size });
    }
    this.touchedLevelCount = 0;
    return { seq: this.seq, time: this.time, command: commandType, ref: this.ref, accepted: true, orderId, events };
  }

  reject(commandType: RejectedResult['command'], reason: RejectReason, message: string): CommandResult {
    if (!this.reporting) return UNREPORTED;
    return { seq: this.seq, time: this.time, command: commandType, ref: this.ref, accepted: false, reason, message, events: [] };
  }
}

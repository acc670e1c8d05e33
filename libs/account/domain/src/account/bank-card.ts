import { invalidBankName, invalidCardNumber } from '../errors/account-errors';

export interface BankCardSnapshot {
  readonly number: string;
  readonly bankName: string;
  readonly enabled: boolean;
  readonly addedAt: Date;
}

const CARD_NUMBER = /^\d{12,19}$/;
const CONTROL = /\p{Cc}/u;

export function isCardNumber(value: unknown): value is string {
  return typeof value === 'string' && CARD_NUMBER.test(value);
}

/**
 * A bank card on an account: an entity identified by its number within the account.
 * Only the Account creates, changes or removes one, so the per-account rules
 * (unique numbers, a card limit) cannot be bypassed.
 */
export class BankCard {
  private constructor(
    readonly number: string,
    readonly bankName: string,
    private isEnabled: boolean,
    readonly addedAt: Date,
  ) {}

  /** A new card is enabled. */
  static issue(input: { number: unknown; bankName: unknown; now: Date }): BankCard {
    if (!isCardNumber(input.number)) throw invalidCardNumber();
    const bankName = typeof input.bankName === 'string' ? input.bankName.trim() : '';
    if (bankName === '' || [...bankName].length > 100 || CONTROL.test(bankName)) throw invalidBankName();
    return new BankCard(input.number, bankName, true, input.now);
  }

  static restore(snapshot: BankCardSnapshot): BankCard {
    return new BankCard(snapshot.number, snapshot.bankName, snapshot.enabled, snapshot.addedAt);
  }

  get enabled(): boolean {
    return this.isEnabled;
  }

  /** @returns whether anything changed: enabling an enabled card is a no-op. */
  enable(): boolean {
    const changed = !this.isEnabled;
    this.isEnabled = true;
    return changed;
  }

  disable(): boolean {
    const changed = this.isEnabled;
    this.isEnabled = false;
    return changed;
  }

  snapshot(): BankCardSnapshot {
    return { number: this.number, bankName: this.bankName, enabled: this.isEnabled, addedAt: this.addedAt };
  }
}

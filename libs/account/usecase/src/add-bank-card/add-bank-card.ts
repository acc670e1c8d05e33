import { BankCard, type Account } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { changeOwnedAccount } from '../shared/change-owned-account';

/** Adds an enabled card; a number already on the account is `card_exists`. */
export class AddBankCard {
  constructor(private readonly deps: AccountDeps) {}

  async execute(command: { actor: Actor; accountId: string; number: unknown; bankName: unknown }): Promise<Account> {
    const card = BankCard.issue({ number: command.number, bankName: command.bankName, now: this.deps.clock.now() });
    return changeOwnedAccount(this.deps, 'add-bank-card', command, (account, stamp) => account.addBankCard(card, stamp()));
  }
}

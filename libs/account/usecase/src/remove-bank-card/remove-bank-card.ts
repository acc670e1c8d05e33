import type { Account } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { changeOwnedAccount } from '../shared/change-owned-account';

/** Removes a card; a number not on the account is `card_not_found`. */
export class RemoveBankCard {
  constructor(private readonly deps: AccountDeps) {}

  execute(command: { actor: Actor; accountId: string; number: string }): Promise<Account> {
    return changeOwnedAccount(this.deps, 'remove-bank-card', command, (account, stamp) => account.removeBankCard(command.number, stamp()));
  }
}

import type { Account } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { changeOwnedAccount } from '../shared/change-owned-account';

/** Disables a card: it stays on the account but no money moves through it until enabled again. */
export class DisableBankCard {
  constructor(private readonly deps: AccountDeps) {}

  execute(command: { actor: Actor; accountId: string; number: string }): Promise<Account> {
    return changeOwnedAccount(this.deps, 'disable-bank-card', command, (account, stamp) => account.disableBankCard(command.number, stamp()));
  }
}

import type { Account } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { changeOwnedAccount } from '../shared/change-owned-account';

/** Enables a card; enabling an enabled card is a no-op, so a retried request is harmless. */
export class EnableBankCard {
  constructor(private readonly deps: AccountDeps) {}

  execute(command: { actor: Actor; accountId: string; number: string }): Promise<Account> {
    return changeOwnedAccount(this.deps, 'enable-bank-card', command, (account, stamp) => account.enableBankCard(command.number, stamp()));
  }
}

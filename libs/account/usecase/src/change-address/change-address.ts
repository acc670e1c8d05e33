import { Address, type Account } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { changeOwnedAccount } from '../shared/change-owned-account';

/** Replaces the account's address whole; the same address again changes nothing and emits nothing. */
export class ChangeAddress {
  constructor(private readonly deps: AccountDeps) {}

  async execute(command: { actor: Actor; accountId: string; address: unknown }): Promise<Account> {
    const address = Address.of(command.address);
    return changeOwnedAccount(this.deps, 'change-address', command, (account, stamp) => account.changeAddress(address, stamp()));
  }
}

import type { Account } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { readableAccount } from '../shared/ownership';

/** One account, for its owner (or an admin). */
export class GetAccount {
  constructor(private readonly deps: Pick<AccountDeps, 'accounts'>) {}

  execute(query: { actor: Actor; accountId: string }): Promise<Account> {
    return readableAccount(this.deps.accounts, query.accountId, query.actor);
  }
}

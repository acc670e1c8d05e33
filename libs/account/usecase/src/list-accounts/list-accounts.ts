import type { Account } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';

/** A user holds a handful of accounts; more than this is not a listing, it is an export. */
export const MAX_LISTED_ACCOUNTS = 100;

/** The caller's own accounts, oldest first. */
export class ListAccounts {
  constructor(private readonly deps: Pick<AccountDeps, 'accounts'>) {}

  execute(query: { actor: Actor }): Promise<Account[]> {
    return this.deps.accounts.listByOwner(query.actor.userId, MAX_LISTED_ACCOUNTS);
  }
}

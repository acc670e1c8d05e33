import type { Account, EventStamp } from '@mosaic/account-domain';
import type { AccountDeps } from './account-deps';
import type { Actor } from './actor';
import { withOptimisticRetry } from './optimistic-retry';
import { ownedAccount } from './ownership';
import { saveRecording } from './save-recording';

/**
 * The shape of every single-account change: load the owner's account in a unit of
 * work, apply `change`, and — only if it changed anything — save it with the events
 * the account recorded. Retried whole on a concurrent modification.
 */
export function changeOwnedAccount(
  deps: AccountDeps,
  operation: string,
  target: { actor: Actor; accountId: string },
  change: (account: Account, stamp: () => EventStamp) => unknown,
): Promise<Account> {
  return withOptimisticRetry(
    operation,
    () =>
      deps.unitOfWork.run(async (tx) => {
        const account = await ownedAccount(tx.accounts, target.accountId, target.actor);
        const at = deps.clock.now();
        change(account, () => ({ id: deps.ids.next(), at }));
        if (account.changes().isEmpty) return account;
        await saveRecording(tx, { accounts: [account] });
        return account;
      }),
    deps.retry,
  );
}

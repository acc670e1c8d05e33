import type { Account, DomainEvent, EventStamp } from '@mosaic/account-domain';
import type { AccountDeps } from './account-deps';
import type { Actor } from './actor';
import { withOptimisticRetry } from './optimistic-retry';
import { ownedAccount } from './ownership';

/**
 * The shape of every single-account change: load the owner's account in a unit of
 * work, apply `change`, and — only if it changed anything — save it with the events
 * `change` returned. Retried whole on a concurrent modification.
 */
export function changeOwnedAccount(
  deps: AccountDeps,
  operation: string,
  target: { actor: Actor; accountId: string },
  change: (account: Account, stamp: () => EventStamp) => DomainEvent[],
): Promise<Account> {
  return withOptimisticRetry(
    operation,
    () =>
      deps.unitOfWork.run(async (tx) => {
        const account = await ownedAccount(tx.accounts, target.accountId, target.actor);
        const at = deps.clock.now();
        const events = change(account, () => ({ id: deps.ids.next(), at }));
        if (account.changes().isEmpty) return account;
        await tx.accounts.save(account);
        if (events.length > 0) await tx.outbox.add(events);
        return account;
      }),
    deps.retry,
  );
}

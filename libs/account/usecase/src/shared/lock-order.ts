import type { Account, AccountRepository } from '@mosaic/account-domain';
import { compareIds } from '@mosaic/kit-core';

/**
 * Loads accounts in ascending id order. A backend may lock each account as it loads it
 * (see UnitOfWork), so every use case touching two accounts goes through here: a
 * transfer A→B and one B→A then wait for each other in the same order instead of
 * deadlocking. Saves follow the same order.
 */
export function loadInLockOrder(accounts: AccountRepository, ids: readonly string[]): Promise<Map<string, Account>> {
  return accounts.findByIds(ids);
}

export function saveInLockOrder(accounts: AccountRepository, changed: readonly Account[]): Promise<void> {
  return accounts.saveAll([...changed].sort((a, b) => compareIds(a.id, b.id)));
}

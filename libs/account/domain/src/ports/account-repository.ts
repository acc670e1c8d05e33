import type { Account } from '../account/account';

/**
 * Loads and saves whole Account aggregates (with their cards). `save` writes what
 * `account.changes()` lists — new rows for a new account, otherwise only changed
 * fields, card rows and new ledger entries — checks the version it was loaded at, and
 * calls `account.markSaved()`. A stale version fails with ConcurrentModificationError
 * and writes nothing.
 */
export interface AccountRepository {
  findById(id: string): Promise<Account | undefined>;
  /**
   * Several accounts at once, in ascending id order (so a backend that locks what it
   * loads takes its locks in that order); ids not found are absent from the map.
   */
  findByIds(ids: readonly string[]): Promise<Map<string, Account>>;
  /** The owner's accounts, oldest first, at most `limit`. */
  listByOwner(ownerId: string, limit: number): Promise<Account[]>;
  save(account: Account): Promise<void>;
  /**
   * Saves several accounts as `save` saves each (in the order given), but lets a backend
   * write their rows together. If any is stale it fails with ConcurrentModificationError
   * naming that account; rows of the others may already be written, so call it inside a
   * unit of work, whose rollback undoes them.
   */
  saveAll(accounts: readonly Account[]): Promise<void>;
}

import { Account, ConcurrentModificationError, type AccountRepository } from '@mosaic/account-domain';
import { compareIds } from '@mosaic/kit-core';
import type { MemoryTransaction } from './memory-transaction';

/** Accounts of one in-memory transaction; stored as snapshots so a caller's object is never shared. */
export class MemoryAccountRepository implements AccountRepository {
  constructor(private readonly tx: MemoryTransaction) {}

  async findById(id: string): Promise<Account | undefined> {
    const snapshot = this.tx.accounts.get(id);
    return snapshot ? Account.restore(snapshot) : undefined;
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, Account>> {
    const found = new Map<string, Account>();
    for (const id of [...new Set(ids)].sort(compareIds)) {
      const account = await this.findById(id);
      if (account) found.set(id, account);
    }
    return found;
  }

  async listByOwner(ownerId: string, limit: number): Promise<Account[]> {
    const ids = this.tx.db.accountsByOwner.get(ownerId) ?? [];
    const found: Account[] = [];
    for (const id of ids.slice(0, limit)) {
      const snapshot = this.tx.accounts.get(id);
      if (snapshot) found.push(Account.restore(snapshot));
    }
    return found;
  }

  async save(account: Account): Promise<void> {
    const changes = account.changes();
    if (changes.isEmpty) return;
    const stored = this.tx.accounts.get(account.id);
    if (changes.isNew ? stored !== undefined : stored?.version !== changes.expectedVersion) {
      throw new ConcurrentModificationError('account', account.id);
    }
    this.tx.accounts.set(account.id, { ...account.snapshot(), version: changes.expectedVersion + 1 });
    this.tx.ledger.push(...changes.ledgerEntries);
    account.markSaved();
  }

  async saveAll(accounts: readonly Account[]): Promise<void> {
    for (const account of accounts) await this.save(account);
  }
}

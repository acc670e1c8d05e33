import { describe, expect, it } from 'vitest';
import { aNewAccount, aPosting, nextId } from '../aggregates';
import { useBackend, type ContractBackend } from './contract-backend';

export function ledgerRepositoryContract(backend: ContractBackend): void {
  describe(`LedgerRepository contract: ${backend.name}`, () => {
    const adapters = useBackend(backend);

    async function accountWithEntries(count: number) {
      const account = aNewAccount({ balance: 10_000n });
      const other = aNewAccount();
      for (let i = 0; i < count; i++) account.debit(BigInt(i + 1), aPosting('transfer_out', nextId(), other.id, i));
      await adapters().accounts.save(account);
      return account;
    }

    it('pages newest first by entry id, and the cursor continues where the page ended', async () => {
      const account = await accountWithEntries(6);
      const first = await adapters().ledger.page(account.id, { limit: 4 });
      expect(first.entries.map((entry) => entry.amount)).toEqual([-6n, -5n, -4n, -3n]);
      expect(first.nextCursor).toBe(first.entries[3]!.id);
      const second = await adapters().ledger.page(account.id, { before: first.nextCursor!, limit: 4 });
      expect(second.entries.map((entry) => entry.amount)).toEqual([-2n, -1n, 10_000n]);
      expect(second.nextCursor).toBeNull();
    });

    it('returns entries exactly as recorded', async () => {
      const account = aNewAccount({ balance: 500n });
      const [deposit] = account.changes().ledgerEntries;
      const other = aNewAccount();
      const out = account.debit(200n, aPosting('transfer_out', nextId(), other.id, 7));
      await adapters().accounts.save(account);
      const { entries } = await adapters().ledger.page(account.id, { limit: 10 });
      expect(entries).toEqual([out, deposit]);
      expect(out).toMatchObject({ balanceAfter: 300n, counterpartyAccountId: other.id, kind: 'transfer_out' });
    });

    it('has no next page when the last one is exactly full', async () => {
      const account = await accountWithEntries(1);
      const page = await adapters().ledger.page(account.id, { limit: 2 });
      expect(page.entries).toHaveLength(2);
      expect(page.nextCursor).toBeNull();
    });

    it('sums an account’s entries to its balance', async () => {
      const account = await accountWithEntries(4);
      expect(await adapters().ledger.sumFor(account.id)).toBe(10_000n - 10n);
      expect((await adapters().accounts.findById(account.id))?.balance).toBe(10_000n - 10n);
    });

    it('finds both legs of a reference, oldest first', async () => {
      const from = aNewAccount({ balance: 100n });
      const to = aNewAccount();
      const reference = nextId();
      const debit = from.debit(40n, aPosting('transfer_out', reference, to.id));
      const credit = to.credit(40n, aPosting('transfer_in', reference, from.id));
      await adapters().unitOfWork.run(async (tx) => {
        await tx.accounts.save(from);
        await tx.accounts.save(to);
      });
      expect(await adapters().ledger.byReference(reference)).toEqual([debit, credit]);
    });

    it('is empty for an unknown account or reference', async () => {
      expect(await adapters().ledger.page(nextId(), { limit: 5 })).toEqual({ entries: [], nextCursor: null });
      expect(await adapters().ledger.sumFor(nextId())).toBe(0n);
      expect(await adapters().ledger.byReference(nextId())).toEqual([]);
    });
  });
}

import { ConcurrentModificationError } from '@mosaic/account-domain';
import { describe, expect, it } from 'vitest';
import { aNewAccount, aNewPoints, anEvent, anOwner, aPosting, at } from '../aggregates';
import { Gate } from '../gate';
import { useBackend, type ContractBackend } from './contract-backend';

export function unitOfWorkContract(backend: ContractBackend): void {
  describe(`UnitOfWork contract: ${backend.name}`, () => {
    const adapters = useBackend(backend);

    async function pendingIds(): Promise<string[]> {
      return (await adapters().outbox.peek(100_000)).map((stored) => stored.event.id);
    }

    it('commits accounts, ledger entries, points, events and keys together', async () => {
      const from = aNewAccount({ balance: 1000n });
      const points = aNewPoints(from.ownerId);
      await adapters().unitOfWork.run(async (tx) => {
        await tx.accounts.save(from);
        await tx.points.save(points);
      });
      const event = anEvent();
      const user = anOwner();
      const result = await adapters().unitOfWork.run(async (tx) => {
        const account = (await tx.accounts.findById(from.id))!;
        const loadedPoints = (await tx.points.findById(points.id))!;
        account.debit(300n, aPosting('points_purchase'));
        loadedPoints.addPoints(300n);
        await tx.accounts.save(account);
        await tx.points.save(loadedPoints);
        await tx.outbox.add([event]);
        await tx.idempotency.claim({ userId: user, key: 'k', fingerprint: 'f'.repeat(64), createdAt: at(), response: 'done' });
        return 'committed';
      });
      expect(result).toBe('committed');
      expect((await adapters().accounts.findById(from.id))?.balance).toBe(700n);
      expect(await adapters().ledger.sumFor(from.id)).toBe(700n);
      expect((await adapters().points.findById(points.id))?.points).toBe(300n);
      expect(await pendingIds()).toContain(event.id);
      expect((await adapters().idempotency.find(user, 'k'))?.response).toBe('done');
    });

    it('keeps none of it when the work throws after writing', async () => {
      const account = aNewAccount({ balance: 1000n });
      const points = aNewPoints(account.ownerId);
      await adapters().unitOfWork.run(async (tx) => {
        await tx.accounts.save(account);
        await tx.points.save(points);
      });
      const event = anEvent();
      const user = anOwner();
      await expect(
        adapters().unitOfWork.run(async (tx) => {
          const loaded = (await tx.accounts.findById(account.id))!;
          const loadedPoints = (await tx.points.findById(points.id))!;
          loaded.debit(300n, aPosting('points_purchase'));
          loadedPoints.addPoints(300n);
          await tx.accounts.save(loaded);
          await tx.points.save(loadedPoints);
          await tx.accounts.save(aNewAccount());
          await tx.outbox.add([event]);
          await tx.idempotency.claim({ userId: user, key: 'k', fingerprint: 'f'.repeat(64), createdAt: at(), response: 'lost' });
          throw new Error('boom after every write');
        }),
      ).rejects.toThrow('boom after every write');
      expect((await adapters().accounts.findById(account.id))?.snapshot()).toMatchObject({ balance: 1000n, version: 1 });
      expect(await adapters().ledger.sumFor(account.id)).toBe(1000n);
      expect((await adapters().points.findById(points.id))?.points).toBe(0n);
      expect(await pendingIds()).not.toContain(event.id);
      expect(await adapters().idempotency.find(user, 'k')).toBeUndefined();
    });

    it('shows readers nothing of a unit of work until it commits', async () => {
      const account = aNewAccount({ balance: 100n });
      await adapters().accounts.save(account);
      const saved = new Gate();
      const release = new Gate();
      const work = adapters().unitOfWork.run(async (tx) => {
        const loaded = (await tx.accounts.findById(account.id))!;
        loaded.credit(50n, aPosting('deposit'));
        await tx.accounts.save(loaded);
        saved.open();
        await release.opened;
      });
      await saved.opened;
      expect((await adapters().accounts.findById(account.id))?.balance).toBe(100n);
      expect(await adapters().ledger.sumFor(account.id)).toBe(100n);
      release.open();
      await work;
      expect((await adapters().accounts.findById(account.id))?.balance).toBe(150n);
    });

    it('loses no update when units of work change one account at once', async () => {
      const account = aNewAccount();
      await adapters().accounts.save(account);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 12 }, () =>
          adapters().unitOfWork.run(async (tx) => {
            const loaded = (await tx.accounts.findById(account.id))!;
            loaded.credit(1n, aPosting('deposit'));
            await tx.accounts.save(loaded);
          }),
        ),
      );
      const committed = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConcurrentModificationError);
      }
      expect(committed).toBeGreaterThan(0);
      const stored = (await adapters().accounts.findById(account.id))!;
      expect(stored.balance).toBe(BigInt(committed));
      expect(stored.version).toBe(1 + committed);
      expect(await adapters().ledger.sumFor(account.id)).toBe(BigInt(committed));
    });
  });
}

import { Account, ConcurrentModificationError, currencyOf } from '@mosaic/account-domain';
import { describe, expect, it } from 'vitest';
import { aCard, aNewAccount, anAddress, anOwner, aPosting, aStamp, at, nextId } from '../aggregates';
import { useBackend, type ContractBackend } from './contract-backend';

export function accountRepositoryContract(backend: ContractBackend): void {
  describe(`AccountRepository contract: ${backend.name}`, () => {
    const adapters = useBackend(backend);
    const inTx = <T>(work: Parameters<ReturnType<typeof adapters>['unitOfWork']['run']>[0]) => adapters().unitOfWork.run(work) as Promise<T>;

    it('stores a new account whole and loads it back equal, at version 1', async () => {
      const account = aNewAccount({ balance: 1234n, withAddress: true, cards: ['6222020000000001', '6222020000000002'] });
      account.disableBankCard('6222020000000002', aStamp());
      await inTx((tx) => tx.accounts.save(account));
      expect(account.version).toBe(1);
      const loaded = await adapters().accounts.findById(account.id);
      expect(loaded?.snapshot()).toEqual(account.snapshot());
      expect(loaded?.changes().isEmpty).toBe(true);
    });

    it('finds nothing for an unknown or malformed id', async () => {
      expect(await adapters().accounts.findById(nextId())).toBeUndefined();
      expect(await adapters().accounts.findById('not-an-id')).toBeUndefined();
    });

    it('loads several accounts at once, in ascending id order, skipping unknown and malformed ids', async () => {
      const first = aNewAccount({ balance: 5n, cards: ['6222020000000001', '6222020000000002'] });
      const second = aNewAccount({ balance: 7n });
      await inTx(async (tx) => {
        await tx.accounts.save(first);
        await tx.accounts.save(second);
      });
      const missing = nextId();
      const loaded = await inTx<Map<string, Account>>((tx) => tx.accounts.findByIds([second.id, missing, 'not-an-id', first.id, second.id]));
      expect([...loaded.keys()]).toEqual([first.id, second.id]);
      expect(loaded.get(first.id)?.snapshot()).toEqual(first.snapshot());
      expect(loaded.get(second.id)?.snapshot()).toEqual(second.snapshot());
      expect((await adapters().accounts.findByIds([])).size).toBe(0);
    });

    it('writes every kind of change and bumps the version once per save', async () => {
      const account = aNewAccount({ cards: ['6222020000000001', '6222020000000002'] });
      await inTx((tx) => tx.accounts.save(account));
      await inTx(async (tx) => {
        const loaded = (await tx.accounts.findById(account.id))!;
        loaded.credit(500n, aPosting('deposit'));
        loaded.changeAddress(anAddress('2 River Road'), aStamp());
        loaded.disableBankCard('6222020000000001', aStamp());
        loaded.removeBankCard('6222020000000002', aStamp());
        loaded.addBankCard(aCard('6222020000000003', 5), aStamp());
        await tx.accounts.save(loaded);
        expect(loaded.version).toBe(2);
      });
      const stored = (await adapters().accounts.findById(account.id))!;
      expect(stored.version).toBe(2);
      expect(stored.balance).toBe(500n);
      expect(stored.address?.line).toBe('2 River Road');
      expect(stored.cards.map((card) => [card.number, card.enabled])).toEqual([
        ['6222020000000001', false],
        ['6222020000000003', true],
      ]);
    });

    it('keeps using an aggregate after saving it: the next save checks the new version', async () => {
      const account = aNewAccount();
      await inTx(async (tx) => {
        await tx.accounts.save(account);
        account.credit(100n, aPosting('deposit'));
        await tx.accounts.save(account);
      });
      expect((await adapters().accounts.findById(account.id))?.snapshot()).toMatchObject({ version: 2, balance: 100n });
    });

    it('writes nothing for an unchanged aggregate: the version stays', async () => {
      const account = aNewAccount();
      await inTx((tx) => tx.accounts.save(account));
      await inTx(async (tx) => tx.accounts.save((await tx.accounts.findById(account.id))!));
      expect((await adapters().accounts.findById(account.id))?.version).toBe(1);
    });

    it('refuses a save from a stale load and writes none of it: no lost update', async () => {
      const account = aNewAccount({ balance: 1000n, cards: ['6222020000000001'] });
      await inTx((tx) => tx.accounts.save(account));
      const first = (await adapters().accounts.findById(account.id))!;
      const second = (await adapters().accounts.findById(account.id))!;
      first.debit(100n, aPosting('withdrawal'));
      await inTx((tx) => tx.accounts.save(first));

      const entry = second.debit(900n, aPosting('withdrawal'));
      second.removeBankCard('6222020000000001', aStamp());
      second.changeAddress(anAddress(), aStamp());
      await expect(inTx((tx) => tx.accounts.save(second))).rejects.toBeInstanceOf(ConcurrentModificationError);

      const stored = (await adapters().accounts.findById(account.id))!;
      expect(stored.snapshot()).toMatchObject({ version: 2, balance: 900n, address: null });
      expect(stored.cards).toHaveLength(1);
      expect(await adapters().ledger.byReference(entry.reference)).toEqual([]);
    });

    it('saves several accounts at once: each written, checked and bumped as by save', async () => {
      const richer = aNewAccount({ balance: 1_000n });
      const poorer = aNewAccount({ balance: 5n, withAddress: true });
      const fresh = aNewAccount({ balance: 7n });
      await inTx((tx) => tx.accounts.saveAll([richer, poorer]));
      await inTx(async (tx) => {
        const loaded = await tx.accounts.findByIds([richer.id, poorer.id]);
        const [from, to] = [loaded.get(richer.id)!, loaded.get(poorer.id)!];
        from.debit(300n, aPosting('withdrawal'));
        to.credit(300n, aPosting('deposit'));
        to.changeAddress(anAddress('3 Hill Road'), aStamp());
        await tx.accounts.saveAll([from, to, fresh]);
        expect([from.version, to.version, fresh.version]).toEqual([2, 2, 1]);
      });
      const stored = await adapters().accounts.findByIds([richer.id, poorer.id, fresh.id]);
      expect(stored.get(richer.id)?.snapshot()).toMatchObject({ version: 2, balance: 700n, address: null });
      expect(stored.get(poorer.id)?.snapshot()).toMatchObject({ version: 2, balance: 305n });
      expect(stored.get(poorer.id)?.address?.line).toBe('3 Hill Road');
      expect(stored.get(fresh.id)?.snapshot()).toMatchObject({ version: 1, balance: 7n });
      expect(await adapters().ledger.sumFor(richer.id)).toBe(700n);
      expect(await adapters().ledger.sumFor(poorer.id)).toBe(305n);
    });

    it('refuses saveAll when any account is stale, naming that one, and the unit of work keeps none of it', async () => {
      const kept = aNewAccount({ balance: 100n });
      const contested = aNewAccount({ balance: 100n });
      await inTx((tx) => tx.accounts.saveAll([kept, contested]));
      const stale = (await adapters().accounts.findById(contested.id))!;
      await inTx(async (tx) => {
        const moved = (await tx.accounts.findById(contested.id))!;
        moved.credit(1n, aPosting('deposit'));
        await tx.accounts.save(moved);
      });
      const error = await inTx(async (tx) => {
        const fresh = (await tx.accounts.findById(kept.id))!;
        fresh.debit(50n, aPosting('withdrawal'));
        stale.credit(50n, aPosting('deposit'));
        await tx.accounts.saveAll([fresh, stale]);
      }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConcurrentModificationError);
      expect((error as ConcurrentModificationError).details).toEqual({ aggregate: 'account', id: contested.id });
      const stored = await adapters().accounts.findByIds([kept.id, contested.id]);
      expect(stored.get(kept.id)?.snapshot()).toMatchObject({ version: 1, balance: 100n });
      expect(stored.get(contested.id)?.snapshot()).toMatchObject({ version: 2, balance: 101n });
    });

    it('refuses to store a new account under an id already taken', async () => {
      const account = aNewAccount();
      await inTx((tx) => tx.accounts.save(account));
      const twin = Account.open({ id: account.id, ownerId: anOwner(), currency: currencyOf('USD'), now: at() }, aStamp());
      await expect(inTx((tx) => tx.accounts.save(twin))).rejects.toBeInstanceOf(ConcurrentModificationError);
    });

    it('lists an owner’s accounts oldest first, up to the limit, with their cards', async () => {
      const owner = anOwner();
      const saved = [
        aNewAccount({ ownerId: owner, cards: ['6222020000000001'] }),
        aNewAccount({ ownerId: owner }),
        aNewAccount({ ownerId: owner, currency: 'JPY' }),
      ];
      for (const account of saved) await inTx((tx) => tx.accounts.save(account));
      await inTx((tx) => tx.accounts.save(aNewAccount()));
      const listed = await adapters().accounts.listByOwner(owner, 10);
      expect(listed.map((account) => account.snapshot())).toEqual(saved.map((account) => account.snapshot()));
      expect((await adapters().accounts.listByOwner(owner, 2)).map((account) => account.id)).toEqual(saved.slice(0, 2).map((account) => account.id));
      expect(await adapters().accounts.listByOwner(anOwner(), 10)).toEqual([]);
    });

    it('saves outside a unit of work as a transaction of its own', async () => {
      const account = aNewAccount({ balance: 10n });
      await adapters().accounts.save(account);
      expect((await adapters().accounts.findById(account.id))?.balance).toBe(10n);
      expect(await adapters().ledger.sumFor(account.id)).toBe(10n);
    });
  });
}

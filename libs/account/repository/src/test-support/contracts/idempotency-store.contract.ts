import { IdempotencyKeyTakenError } from '@mosaic/account-domain';
import { describe, expect, it } from 'vitest';
import { anOwner, at } from '../aggregates';
import { Gate } from '../gate';
import { useBackend, type ContractBackend } from './contract-backend';

const FINGERPRINT = 'a'.repeat(64);

export function idempotencyStoreContract(backend: ContractBackend): void {
  describe(`IdempotencyStore contract: ${backend.name}`, () => {
    const adapters = useBackend(backend);
    const claimAndComplete = (userId: string, key: string, response: string, fingerprint = FINGERPRINT) =>
      adapters().unitOfWork.run((tx) => tx.idempotency.claim({ userId, key, fingerprint, createdAt: at(), response }));

    it('keeps a key stored with its response in a committed unit of work', async () => {
      const user = anOwner();
      expect(await adapters().idempotency.find(user, 'k-1')).toBeUndefined();
      await claimAndComplete(user, 'k-1', '{"ok":true}');
      expect(await adapters().idempotency.find(user, 'k-1')).toEqual({
        userId: user,
        key: 'k-1',
        fingerprint: FINGERPRINT,
        response: '{"ok":true}',
        createdAt: at(),
      });
    });

    it('refuses a second claim of a committed key', async () => {
      const user = anOwner();
      await claimAndComplete(user, 'k-1', 'first');
      await expect(claimAndComplete(user, 'k-1', 'second', 'b'.repeat(64))).rejects.toBeInstanceOf(IdempotencyKeyTakenError);
      expect((await adapters().idempotency.find(user, 'k-1'))?.response).toBe('first');
    });

    it('forgets a key whose unit of work rolled back', async () => {
      const user = anOwner();
      await expect(
        adapters().unitOfWork.run(async (tx) => {
          await tx.idempotency.claim({ userId: user, key: 'k-1', fingerprint: FINGERPRINT, createdAt: at(), response: 'lost' });
          throw new Error('the operation failed');
        }),
      ).rejects.toThrow('the operation failed');
      expect(await adapters().idempotency.find(user, 'k-1')).toBeUndefined();
      await claimAndComplete(user, 'k-1', 'retried');
      expect((await adapters().idempotency.find(user, 'k-1'))?.response).toBe('retried');
    });

    it('scopes keys per user and compares them exactly', async () => {
      const [alice, bob] = [anOwner(), anOwner()];
      await claimAndComplete(alice, 'Key', 'alice');
      await claimAndComplete(bob, 'Key', 'bob');
      await claimAndComplete(alice, 'key', 'alice-lower');
      expect((await adapters().idempotency.find(bob, 'Key'))?.response).toBe('bob');
      expect((await adapters().idempotency.find(alice, 'key'))?.response).toBe('alice-lower');
    });

    it('makes a racing claim wait for the holder: taken once it commits', async () => {
      const user = anOwner();
      const claimed = new Gate();
      const release = new Gate();
      const holder = adapters().unitOfWork.run(async (tx) => {
        await tx.idempotency.claim({ userId: user, key: 'race', fingerprint: FINGERPRINT, createdAt: at(), response: 'holder' });
        claimed.open();
        await release.opened;
      });
      await claimed.opened;
      const racer = claimAndComplete(user, 'race', 'racer').then(
        () => undefined,
        (error: unknown) => error,
      );
      // The racer is now blocked behind the holder (on the row lock, or the memory write lock).
      setTimeout(() => release.open(), 50);
      await holder;
      expect(await racer).toBeInstanceOf(IdempotencyKeyTakenError);
      expect((await adapters().idempotency.find(user, 'race'))?.response).toBe('holder');
    });

    it('lets a racing claim through when the holder rolls back', async () => {
      const user = anOwner();
      const claimed = new Gate();
      const release = new Gate();
      const holder = adapters().unitOfWork.run(async (tx) => {
        await tx.idempotency.claim({ userId: user, key: 'race', fingerprint: FINGERPRINT, createdAt: at(), response: 'holder' });
        claimed.open();
        await release.opened;
        throw new Error('holder failed');
      });
      await claimed.opened;
      const racer = claimAndComplete(user, 'race', 'racer');
      setTimeout(() => release.open(), 50);
      await expect(holder).rejects.toThrow('holder failed');
      await racer;
      expect((await adapters().idempotency.find(user, 'race'))?.response).toBe('racer');
    });
  });
}

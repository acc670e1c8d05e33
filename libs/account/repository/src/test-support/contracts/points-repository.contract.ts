import { ConcurrentModificationError } from '@mosaic/account-domain';
import { describe, expect, it } from 'vitest';
import { aNewPoints, anOwner, nextId } from '../aggregates';
import { useBackend, type ContractBackend } from './contract-backend';

export function pointsRepositoryContract(backend: ContractBackend): void {
  describe(`PointsRepository contract: ${backend.name}`, () => {
    const adapters = useBackend(backend);

    it('stores new points and loads them back equal', async () => {
      const points = aNewPoints();
      await adapters().points.save(points);
      expect((await adapters().points.findById(points.id))?.snapshot()).toEqual({ ...points.snapshot(), version: 1 });
      expect(await adapters().points.findById(nextId())).toBeUndefined();
      expect(await adapters().points.findById('x')).toBeUndefined();
    });

    it('saves changes with a version check: a stale save fails and writes nothing', async () => {
      const points = aNewPoints();
      await adapters().points.save(points);
      const first = (await adapters().points.findById(points.id))!;
      const second = (await adapters().points.findById(points.id))!;
      first.addPoints(10n);
      await adapters().points.save(first);
      second.addPoints(99n);
      await expect(adapters().points.save(second)).rejects.toBeInstanceOf(ConcurrentModificationError);
      expect((await adapters().points.findById(points.id))?.snapshot()).toMatchObject({ points: 10n, version: 2 });
    });

    it('writes nothing for unchanged points', async () => {
      const points = aNewPoints();
      await adapters().points.save(points);
      await adapters().points.save((await adapters().points.findById(points.id))!);
      expect((await adapters().points.findById(points.id))?.version).toBe(1);
    });

    it('lists an owner’s points oldest first, up to the limit', async () => {
      const owner = anOwner();
      const saved = [aNewPoints(owner), aNewPoints(owner)];
      for (const points of saved) await adapters().points.save(points);
      expect((await adapters().points.listByOwner(owner, 10)).map((points) => points.id)).toEqual(saved.map((points) => points.id));
      expect(await adapters().points.listByOwner(owner, 1)).toHaveLength(1);
    });
  });
}

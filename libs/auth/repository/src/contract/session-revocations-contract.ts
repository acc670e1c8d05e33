import type { SessionRevocations } from '@mosaic/auth-domain';
import { ManualClock, SnowflakeIds } from '@mosaic/kit-core';
import { describe, expect, it } from 'vitest';

/** Two verifying instances over one shared store (as two processes on one Redis), with their memo. */
export type MakeSessionRevocations = (options: {
  clock: ManualClock;
  ttlSeconds: number;
  memoMs: number;
}) => { first: SessionRevocations; second: SessionRevocations } | Promise<{ first: SessionRevocations; second: SessionRevocations }>;

const ids = new SnowflakeIds(11);

/** What every SessionRevocations backend must do; run once per backend, unchanged. */
export function sessionRevocationsContract(name: string, make: MakeSessionRevocations): void {
  describe(`SessionRevocations contract: ${name}`, () => {
    it('knows a revoked session at once on every instance that has not just asked', async () => {
      const { first, second } = await make({ clock: new ManualClock(), ttlSeconds: 900, memoMs: 1000 });
      const [ended, other] = [ids.next(), ids.next()];
      await first.revoke([ended]);
      expect(await first.isRevoked(ended)).toBe(true);
      expect(await second.isRevoked(ended)).toBe(true);
      expect(await second.isRevoked(other)).toBe(false);
    });

    it('reaches an instance that had just found the session open within its memo', async () => {
      const clock = new ManualClock();
      const { first, second } = await make({ clock, ttlSeconds: 900, memoMs: 1000 });
      const session = ids.next();
      expect(await second.isRevoked(session)).toBe(false);
      await first.revoke([session]);
      expect(await first.isRevoked(session)).toBe(true);
      clock.advance(1000);
      expect(await second.isRevoked(session)).toBe(true);
    });

    it('revokes many sessions in one call', async () => {
      const { first, second } = await make({ clock: new ManualClock(), ttlSeconds: 900, memoMs: 0 });
      const sessions = [ids.next(), ids.next(), ids.next()];
      await second.revoke(sessions);
      for (const session of sessions) expect(await first.isRevoked(session)).toBe(true);
      await second.revoke([]);
    });
  });
}

import type { PresenceStore } from '@mosaic/chat-domain';
import { describe, expect, it } from 'vitest';
import { usePort, type PortFactory } from './port-fixture';

const T0 = Date.UTC(2026, 0, 1);
const TTL = 30_000;

export function presenceStoreContract(factory: PortFactory<PresenceStore>): void {
  describe(`PresenceStore contract [${factory.name}]`, () => {
    const presence = usePort(factory);

    it('is online while any instance holds the user, offline when the last lets go', async () => {
      expect(await presence().connect('alice', 'i1', T0, TTL)).toBe(true);
      expect(await presence().connect('alice', 'i2', T0, TTL)).toBe(false);
      expect(await presence().online(['alice', 'bob'], T0 + 1)).toEqual(new Set(['alice']));
      expect(await presence().disconnect('alice', 'i1', T0 + 2)).toBe(false);
      expect(await presence().disconnect('alice', 'i2', T0 + 3)).toBe(true);
      expect(await presence().disconnect('alice', 'i2', T0 + 4)).toBe(false);
      expect(await presence().online(['alice'], T0 + 5)).toEqual(new Set());
      expect(await presence().online([], T0)).toEqual(new Set());
    });

    it('expires holds that were not renewed and reports those users once', async () => {
      await presence().connect('alice', 'dead', T0, TTL);
      await presence().connect('bob', 'alive', T0, TTL);
      await presence().connect('carol', 'dead', T0, TTL);
      await presence().connect('carol', 'alive', T0, TTL);
      await presence().renew(['bob', 'carol'], 'alive', T0 + 20_000, TTL);
      expect(await presence().expire(T0 + 10_000)).toEqual([]);
      const sweeps = await Promise.all([presence().expire(T0 + TTL + 1), presence().expire(T0 + TTL + 1)]);
      expect(sweeps.flat()).toEqual(['alice']);
      expect(await presence().online(['alice', 'bob', 'carol'], T0 + TTL + 1)).toEqual(new Set(['bob', 'carol']));
      expect((await presence().expire(T0 + 20_000 + TTL + 1)).sort()).toEqual(['bob', 'carol']);
    });

    it('says a user who comes back after expiring is online again, as news', async () => {
      await presence().connect('alice', 'i1', T0, TTL);
      expect(await presence().connect('alice', 'i1', T0 + TTL + 5, TTL)).toBe(true);
    });
  });
}

import { createMemoryCache } from '@mosaic/kit-cache';
import { ManualClock } from '@mosaic/kit-core';
import { describe, expect, it } from 'vitest';
import { sessionRevocationsContract } from '../contract/session-revocations-contract';
import { CacheSessionRevocations, createMemorySessionRevocations } from './cache-session-revocations';

sessionRevocationsContract('memory', ({ clock, ttlSeconds, memoMs }) => {
  const cache = createMemoryCache({ clock });
  return {
    first: new CacheSessionRevocations(cache, { ttlSeconds, memoMs, clock }),
    second: new CacheSessionRevocations(cache, { ttlSeconds, memoMs, clock }),
  };
});

describe('memory session revocations', () => {
  it('forget a revocation once no access token of the session can be alive', async () => {
    const clock = new ManualClock();
    const revocations = createMemorySessionRevocations({ ttlSeconds: 60, clock });
    await revocations.revoke(['42']);
    clock.advance(59_999);
    expect(await revocations.isRevoked('42')).toBe(true);
    clock.advance(2);
    expect(await revocations.isRevoked('42')).toBe(false);
  });

  it('refuse a session at once after its revocation, though it was just found open', async () => {
    const revocations = createMemorySessionRevocations({ ttlSeconds: 60, clock: new ManualClock() });
    expect(await revocations.isRevoked('42')).toBe(false);
    await revocations.revoke(['42']);
    expect(await revocations.isRevoked('42')).toBe(true);
  });

  it('do not remember a session as open when it was revoked while its check was in flight', async () => {
    const revocations = createMemorySessionRevocations({ ttlSeconds: 60, clock: new ManualClock() });
    const checking = revocations.isRevoked('42');
    await revocations.revoke(['42']);
    await checking;
    expect(await revocations.isRevoked('42')).toBe(true);
  });

  it('refuse a memo longer than the one-second ceiling', () => {
    expect(() => new CacheSessionRevocations(createMemoryCache(), { ttlSeconds: 60, memoMs: 1001 })).toThrow(/memoMs/);
  });
});

import type { AttemptLimiter } from '@mosaic/auth-domain';
import { describe, expect, it } from 'vitest';
import { anEmail } from '../test-support/auth-mothers';
import { attemptLimits, type AttemptLimits } from '../limiter/rate-limited-attempts';

/** Builds a limiter whose keys no other test sees. */
export type MakeAttemptLimiter = (limits: AttemptLimits) => AttemptLimiter | Promise<AttemptLimiter>;

const limits = (ip: number, pair: number, freeEmailAttempts = 100) => attemptLimits({ login: { ip, pair, freeEmailAttempts } });

/** What every AttemptLimiter backend must do; run once per backend, unchanged. */
export function attemptLimiterContract(name: string, makeLimiter: MakeAttemptLimiter): void {
  describe(`AttemptLimiter contract: ${name}`, () => {
    it('allows one address its allowance at one email, then refuses with the pair scope and a wait', async () => {
      const limiter = await makeLimiter(limits(100, 3));
      const email = anEmail();
      for (let i = 0; i < 3; i++) expect(await limiter.attempt('login', { email, ip: '198.51.100.1' })).toEqual({ allowed: true });
      const refused = await limiter.attempt('login', { email, ip: '198.51.100.1' });
      expect(refused).toMatchObject({ allowed: false, scope: 'pair' });
      expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(await limiter.attempt('login', { email: anEmail(), ip: '198.51.100.1' })).toEqual({ allowed: true });
    });

    it('never locks an email out for another address: the owner’s address still gets in', async () => {
      const limiter = await makeLimiter(limits(100, 3));
      const email = anEmail();
      for (let i = 0; i < 10; i++) await limiter.attempt('login', { email, ip: '198.51.100.66' });
      expect(await limiter.attempt('login', { email, ip: '198.51.100.66' })).toMatchObject({ allowed: false, scope: 'pair' });
      expect(await limiter.attempt('login', { email, ip: '203.0.113.7' })).toMatchObject({ allowed: true });
    });

    it('slows tries at one email from many addresses down, doubling, never refusing', async () => {
      const limiter = await makeLimiter(attemptLimits({ login: { ip: 100, pair: 100, freeEmailAttempts: 2 } }));
      const email = anEmail();
      const decisions = [];
      for (let i = 0; i < 6; i++) decisions.push(await limiter.attempt('login', { email, ip: `198.51.100.${100 + i}` }));
      expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, true, true, true]);
      expect(decisions.map((decision) => (decision.allowed ? (decision.delayMs ?? 0) : -1))).toEqual([0, 0, 250, 500, 1000, 2000]);
      expect(await limiter.attempt('login', { email: anEmail(), ip: '198.51.100.100' })).toEqual({ allowed: true });
    });

    it('refuses one address spraying many emails, with the ip scope', async () => {
      const limiter = await makeLimiter(limits(3, 100));
      for (let i = 0; i < 3; i++) expect(await limiter.attempt('login', { email: anEmail(), ip: '203.0.113.9' })).toEqual({ allowed: true });
      expect(await limiter.attempt('login', { email: anEmail(), ip: '203.0.113.9' })).toMatchObject({ allowed: false, scope: 'ip' });
      expect(await limiter.attempt('login', { email: anEmail(), ip: '203.0.113.10' })).toEqual({ allowed: true });
    });

    it('counts an IPv6 /64 as one client and IPv4-mapped addresses as IPv4', async () => {
      const limiter = await makeLimiter(limits(2, 100));
      expect(await limiter.attempt('login', { email: anEmail(), ip: '2001:db8:1:2::1' })).toEqual({ allowed: true });
      expect(await limiter.attempt('login', { email: anEmail(), ip: '2001:db8:1:2:ffff::9' })).toEqual({ allowed: true });
      expect(await limiter.attempt('login', { email: anEmail(), ip: '2001:db8:1:2:abcd:0:0:1' })).toMatchObject({ scope: 'ip' });
      expect(await limiter.attempt('login', { email: anEmail(), ip: '2001:db8:1:3::1' })).toEqual({ allowed: true });

      expect(await limiter.attempt('login', { email: anEmail(), ip: '192.0.2.7' })).toEqual({ allowed: true });
      expect(await limiter.attempt('login', { email: anEmail(), ip: '::ffff:192.0.2.7' })).toEqual({ allowed: true });
      expect(await limiter.attempt('login', { email: anEmail(), ip: '192.0.2.7' })).toMatchObject({ scope: 'ip' });
    });

    it('does not spend the email’s counters on attempts its address was refused for', async () => {
      const limiter = await makeLimiter(attemptLimits({ login: { ip: 1, pair: 100, freeEmailAttempts: 1 } }));
      const email = anEmail();
      expect(await limiter.attempt('login', { email, ip: '198.51.100.20' })).toEqual({ allowed: true });
      for (let i = 0; i < 5; i++) expect(await limiter.attempt('login', { email, ip: '198.51.100.20' })).toMatchObject({ scope: 'ip' });
      expect(await limiter.attempt('login', { email, ip: '198.51.100.21' })).toEqual({ allowed: true, delayMs: 250 });
    });

    it('limits by email alone when the address is unknown', async () => {
      const limiter = await makeLimiter(limits(1, 2));
      const email = anEmail();
      expect(await limiter.attempt('login', { email })).toEqual({ allowed: true });
      expect(await limiter.attempt('login', { email })).toEqual({ allowed: true });
      expect(await limiter.attempt('login', { email })).toMatchObject({ allowed: false, scope: 'pair' });
    });

    it('forgets an email’s spent attempts after it succeeded, but not its address’s', async () => {
      const limiter = await makeLimiter(attemptLimits({ login: { ip: 3, pair: 2, freeEmailAttempts: 1 } }));
      const email = anEmail();
      const subject = { email, ip: '198.51.100.30' };
      await limiter.attempt('login', subject);
      await limiter.attempt('login', subject);
      await limiter.succeeded('login', subject);
      expect(await limiter.attempt('login', subject)).toEqual({ allowed: true });
      expect(await limiter.attempt('login', { email: anEmail(), ip: '198.51.100.30' })).toMatchObject({ scope: 'ip' });
    });

    it('keeps separate allowances per action', async () => {
      const limiter = await makeLimiter(attemptLimits({ login: { pair: 1 }, register: { pair: 1 } }));
      const email = anEmail();
      expect(await limiter.attempt('login', { email })).toEqual({ allowed: true });
      expect(await limiter.attempt('login', { email })).toMatchObject({ allowed: false });
      expect(await limiter.attempt('register', { email })).toEqual({ allowed: true });
    });
  });
}

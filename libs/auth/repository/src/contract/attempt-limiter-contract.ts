import { toEmail, type AttemptLimiter } from '@mosaic/auth-domain';
import { describe, expect, it } from 'vitest';
import { anEmail } from '../test-support/auth-mothers';
import { DEFAULT_ATTEMPT_LIMITS, type AttemptLimits } from '../limiter/rate-limited-attempts';

/** Builds a limiter whose keys no other test sees. */
export type MakeAttemptLimiter = (limits: AttemptLimits) => AttemptLimiter | Promise<AttemptLimiter>;

const limits = (ip: number, email: number): AttemptLimits => ({
  login: { ip: { points: ip, durationSeconds: 600 }, email: { points: email, durationSeconds: 600 } },
  register: DEFAULT_ATTEMPT_LIMITS.register,
});

/** What every AttemptLimiter backend must do; run once per backend, unchanged. */
export function attemptLimiterContract(name: string, makeLimiter: MakeAttemptLimiter): void {
  describe(`AttemptLimiter contract: ${name}`, () => {
    it('allows an email its allowance, then refuses with the email scope and a wait', async () => {
      const limiter = await makeLimiter(limits(100, 3));
      const email = anEmail();
      for (let i = 0; i < 3; i++) expect(await limiter.attempt('login', { email, ip: '198.51.100.1' })).toEqual({ allowed: true });
      const refused = await limiter.attempt('login', { email, ip: '198.51.100.2' });
      expect(refused).toMatchObject({ allowed: false, scope: 'email' });
      expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(await limiter.attempt('login', { email: anEmail(), ip: '198.51.100.2' })).toEqual({ allowed: true });
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

    it('does not spend the email allowance on attempts its address was refused for', async () => {
      const limiter = await makeLimiter(limits(1, 2));
      const email = anEmail();
      expect(await limiter.attempt('login', { email, ip: '198.51.100.20' })).toEqual({ allowed: true });
      for (let i = 0; i < 5; i++) expect(await limiter.attempt('login', { email, ip: '198.51.100.20' })).toMatchObject({ scope: 'ip' });
      expect(await limiter.attempt('login', { email, ip: '198.51.100.21' })).toEqual({ allowed: true });
    });

    it('limits by email alone when the address is unknown', async () => {
      const limiter = await makeLimiter(limits(1, 2));
      const email = anEmail();
      expect(await limiter.attempt('login', { email })).toEqual({ allowed: true });
      expect(await limiter.attempt('login', { email })).toEqual({ allowed: true });
      expect(await limiter.attempt('login', { email })).toMatchObject({ allowed: false, scope: 'email' });
    });

    it('forgets an email’s spent attempts after it succeeded, but not its address’s', async () => {
      const limiter = await makeLimiter(limits(3, 2));
      const email = anEmail();
      const subject = { email, ip: '198.51.100.30' };
      await limiter.attempt('login', subject);
      await limiter.attempt('login', subject);
      await limiter.succeeded('login', subject);
      expect(await limiter.attempt('login', { email })).toEqual({ allowed: true });
      expect(await limiter.attempt('login', subject)).toEqual({ allowed: true });
      expect(await limiter.attempt('login', { email: anEmail(), ip: '198.51.100.30' })).toMatchObject({ scope: 'ip' });
    });

    it('keeps separate allowances per action', async () => {
      const limiter = await makeLimiter({
        login: limits(100, 1).login,
        register: { ip: { points: 100, durationSeconds: 600 }, email: { points: 1, durationSeconds: 600 } },
      });
      const email = toEmail(anEmail());
      expect(await limiter.attempt('login', { email })).toEqual({ allowed: true });
      expect(await limiter.attempt('login', { email })).toMatchObject({ allowed: false });
      expect(await limiter.attempt('register', { email })).toEqual({ allowed: true });
    });
  });
}

/**
 * What checking an access token costs a request that carries one, now that ended
 * sessions are refused: the JWT signature check alone (the baseline, what every
 * request with a token paid before), then the verifier other domains get, on memory
 * and, when REDIS_URL is set, on Redis with its one-second memo and without it.
 *
 *   npm run bench:auth-verify            (AUTH_BENCH_ITERATIONS, default 20000)
 *
 * Figures, not a test: nothing here asserts on time.
 */
import { performance } from 'node:perf_hooks';
import { toEmail, User, type SessionRevocations, type TokenVerifier } from '@mosaic/auth-domain';
import { CacheSessionRevocations, createAuthCrypto, createMemorySessionRevocations, generateSigningKeys } from '@mosaic/auth-repository';
import { VerifyAccessToken } from '@mosaic/auth-usecase';
import { connectRedis, createRedisCache } from '@mosaic/kit-cache';

const ITERATIONS = Number(process.env.AUTH_BENCH_ITERATIONS ?? 20_000);
const TTL_SECONDS = 960;

async function measure(name: string, verifier: TokenVerifier, token: string): Promise<number> {
  for (let i = 0; i < Math.min(1_000, ITERATIONS); i++) await verifier.verify(token);
  const started = performance.now();
  for (let i = 0; i < ITERATIONS; i++) await verifier.verify(token);
  const microseconds = ((performance.now() - started) * 1000) / ITERATIONS;
  console.log(`${name.padEnd(52)} ${microseconds.toFixed(2).padStart(8)} µs/verify`);
  return microseconds;
}

async function main(): Promise<void> {
  const crypto = createAuthCrypto({ keys: await generateSigningKeys(), issuer: 'bench', audience: 'bench', accessTtlSeconds: 900 });
  const user = User.register({ id: '1', email: toEmail('bench@example.com'), name: null, passwordHash: '$bench', now: new Date() });
  const { token } = await crypto.accessTokens.issue(user, '42');
  const withRevocations = (revocations: SessionRevocations) => new VerifyAccessToken({ tokens: crypto.tokenVerifier, revocations });

  const rows: [string, number][] = [];
  const baseline = await measure('JWT signature only (before: every request)', crypto.tokenVerifier, token);
  rows.push([
    'memory revocations',
    await measure('verifier, memory revocations', withRevocations(createMemorySessionRevocations({ ttlSeconds: TTL_SECONDS })), token),
  ]);

  const url = process.env.REDIS_URL;
  if (url) {
    const redis = await connectRedis(url);
    const cache = createRedisCache(redis.client, { namespace: `bench:auth-verify:${process.pid}` });
    try {
      rows.push([
        'Redis, 1 s memo',
        await measure(
          'verifier, Redis revocations, 1 s memo (default)',
          withRevocations(new CacheSessionRevocations(cache, { ttlSeconds: TTL_SECONDS, memoMs: 1_000 })),
          token,
        ),
      ]);
      rows.push([
        'Redis, no memo',
        await measure(
          'verifier, Redis revocations, no memo (a GET each)',
          withRevocations(new CacheSessionRevocations(cache, { ttlSeconds: TTL_SECONDS, memoMs: 0 })),
          token,
        ),
      ]);
    } finally {
      await redis.resource.close();
    }
  } else {
    console.log('REDIS_URL unset: Redis rows skipped');
  }
  console.log('\nratio to the signature-only baseline (lower is cheaper):');
  for (const [name, value] of rows) console.log(`  ${name.padEnd(20)} ${(value / baseline).toFixed(3)}×`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

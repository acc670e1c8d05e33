import { randomInt } from 'node:crypto';
import { JwtAccessTokens, resolveSigningKeys } from '@mosaic/auth-repository';
import { systemClock } from '@mosaic/kit-core';

/**
 * A user and an access token signed with the servers' AUTH_PRIVATE_KEY, as auth would
 * issue it: for tests that start many processes and should not spend auth's sign-up
 * rate limits (kept in the shared Redis) to get a few users.
 */
export async function mintedUser(privateKey: string, name: string): Promise<{ userId: string; auth: { Authorization: string } }> {
  const keys = await resolveSigningKeys({ privateKey });
  const tokens = new JwtAccessTokens({ keys, issuer: 'mosaic', audience: 'mosaic', ttlSeconds: 900, clock: systemClock });
  const userId = `${Date.now()}${randomInt(1_000_000)}`;
  const { token } = await tokens.issue({ id: userId, email: `${name}.${userId}@example.com`, roles: ['user'] }, `session-${userId}`);
  return { userId, auth: { Authorization: `Bearer ${token}` } };
}

import { createTestAppContext } from '@mosaic/kit-app';
import { describe, expect, it } from 'vitest';
import { createAuthModule } from './auth-module';

describe('createAuthModule', () => {
  it('registers, signs in and verifies on the embedded default', async () => {
    const auth = await createAuthModule(await createTestAppContext());
    await auth.useCases.register.execute({ email: 'grace@example.com', password: 'a long enough secret', ip: '127.0.0.1' });
    const session = await auth.useCases.login.execute({ email: 'grace@example.com', password: 'a long enough secret', ip: '127.0.0.1' });
    expect((await auth.verifier.verify(session.accessToken)).email).toBe('grace@example.com');
    await auth.resource.close();
  });

  it('stops the start naming a malformed auth variable', async () => {
    await expect(createAuthModule(await createTestAppContext({ AUTH_ACCESS_TTL_SECONDS: 'soon' }))).rejects.toThrow('AUTH_ACCESS_TTL_SECONDS');
    await expect(createAuthModule(await createTestAppContext({ AUTH_ADMIN_EMAILS: 'root@example.com, not-an-email' }))).rejects.toThrow('AUTH_ADMIN_EMAILS');
  });

  it('makes an account registering with an AUTH_ADMIN_EMAILS address an admin', async () => {
    const auth = await createAuthModule(await createTestAppContext({ AUTH_ADMIN_EMAILS: 'other@example.com, Root@Example.com' }));
    await auth.useCases.register.execute({ email: 'root@example.com', password: 'a long enough secret' });
    const session = await auth.useCases.login.execute({ email: 'root@example.com', password: 'a long enough secret' });
    expect((await auth.verifier.verify(session.accessToken)).roles).toEqual(['user', 'admin']);
    await auth.resource.close();
  });

  it('ends a logged-out session’s access tokens at once', async () => {
    const auth = await createAuthModule(await createTestAppContext());
    await auth.useCases.register.execute({ email: 'leaving@example.com', password: 'a long enough secret' });
    const session = await auth.useCases.login.execute({ email: 'leaving@example.com', password: 'a long enough secret' });
    await auth.useCases.logout.execute({ refreshToken: session.refreshToken });
    await expect(auth.verifier.verify(session.accessToken)).rejects.toMatchObject({ status: 401, code: 'token_revoked' });
    await auth.resource.close();
  });
});

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
  });
});

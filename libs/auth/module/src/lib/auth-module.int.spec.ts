import { createTestAppContext } from '@mosaic/kit-app';
import { createTestDatabase, describeWithBackend } from '@mosaic/kit-testing';
import { expect, it } from 'vitest';
import { createAuthModule } from './auth-module';

describeWithBackend('mysql', 'createAuthModule', (backend) => {
  it('migrates its schema and keeps users across module instances', async () => {
    const database = await createTestDatabase(backend.url(), 'auth_module');
    const env = { MYSQL_URL: database.url, AUTH_PRIVATE_KEY: undefined };
    const first = await createTestAppContext(env);
    const second = await createTestAppContext(env);
    try {
      const auth = await createAuthModule(first);
      await auth.useCases.register.execute({ email: 'linus@example.com', password: 'a long enough secret' });
      const again = await createAuthModule(second);
      const session = await again.useCases.login.execute({ email: 'linus@example.com', password: 'a long enough secret' });
      expect(session.user.email).toBe('linus@example.com');
      await auth.resource.close();
      await again.resource.close();
    } finally {
      for (const resource of [...first.backends.resources, ...second.backends.resources]) await resource.close();
      await database.drop();
    }
  });

  it('makes an existing account with an AUTH_ADMIN_EMAILS address an admin at start', async () => {
    const database = await createTestDatabase(backend.url(), 'auth_admins');
    const before = await createTestAppContext({ MYSQL_URL: database.url });
    const after = await createTestAppContext({ MYSQL_URL: database.url, AUTH_ADMIN_EMAILS: 'ops@example.com' });
    try {
      const auth = await createAuthModule(before);
      await auth.useCases.register.execute({ email: 'ops@example.com', password: 'a long enough secret' });
      await auth.resource.close();
      const restarted = await createAuthModule(after);
      const session = await restarted.useCases.login.execute({ email: 'ops@example.com', password: 'a long enough secret' });
      expect((await restarted.verifier.verify(session.accessToken)).roles).toEqual(['user', 'admin']);
      await restarted.resource.close();
    } finally {
      for (const resource of [...before.backends.resources, ...after.backends.resources]) await resource.close();
      await database.drop();
    }
  });
});

import { createMysqlPool, type MysqlPoolHandle } from '@mosaic/kit-db';
import { createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTokenRepositoryContract } from '../contract/refresh-token-repository-contract';
import { userRepositoryContract } from '../contract/user-repository-contract';
import { createAuthRepositories } from '../create-auth-repositories';
import { AUTH_MIGRATIONS, migrateAuthSchema } from './migrations/auth-migrations';

describeWithBackend('mysql', 'auth MySQL repositories', (backend) => {
  let database: TestDatabase;
  let mysql: MysqlPoolHandle;

  beforeAll(async () => {
    database = await createTestDatabase(backend.url(), 'auth');
    mysql = createMysqlPool(database.url, { connectionLimit: 12 });
    await createAuthRepositories({ mysql: mysql.pool }).migrate();
  });

  afterAll(async () => {
    await mysql?.resource.close();
    await database?.drop();
  });

  describe('migrations', () => {
    it('are already applied and re-running them applies nothing', async () => {
      expect(await migrateAuthSchema(mysql.pool)).toEqual({ applied: [], alreadyApplied: AUTH_MIGRATIONS.length });
    });
  });

  userRepositoryContract('mysql', () => createAuthRepositories({ mysql: mysql.pool }).users);
  refreshTokenRepositoryContract('mysql', () => createAuthRepositories({ mysql: mysql.pool }));
});

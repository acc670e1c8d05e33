import { createMysqlPool, migrate, type MysqlPoolHandle } from '@mosaic/kit-db';
import { createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshTokenRepositoryContract } from '../contract/refresh-token-repository-contract';
import { userRepositoryContract } from '../contract/user-repository-contract';
import { createAuthRepositories } from '../create-auth-repositories';
import { aPasswordHash, aUser, seconds } from '../test-support/auth-mothers';
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

    it('keeps users stored before the version column: they load at version 1 and save under it', async () => {
      const older = await createTestDatabase(backend.url(), 'auth_v3');
      const handle = createMysqlPool(older.url, { connectionLimit: 2 });
      try {
        await migrate(handle.pool, { namespace: 'auth', migrations: AUTH_MIGRATIONS.filter((migration) => migration.version <= 3) });
        const user = aUser();
        const row = user.snapshot();
        // As the code before the version column wrote it.
        await handle.pool.execute('INSERT INTO auth_users (id, email, name, password_hash, roles, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
          row.id,
          row.email,
          row.name,
          row.passwordHash,
          JSON.stringify(row.roles),
          row.createdAt,
          row.updatedAt,
        ]);
        await migrateAuthSchema(handle.pool);
        const users = createAuthRepositories({ mysql: handle.pool }).users;
        const loaded = await users.findById(user.id);
        expect(loaded?.snapshot()).toEqual({ ...row, version: 1 });
        const hash = aPasswordHash();
        loaded?.changePassword(hash, seconds(60));
        if (loaded) await users.save(loaded);
        expect((await users.findById(user.id))?.snapshot()).toEqual({ ...row, passwordHash: hash, updatedAt: seconds(60), version: 2 });
      } finally {
        await handle.resource.close();
        await older.drop();
      }
    });
  });

  userRepositoryContract('mysql', () => createAuthRepositories({ mysql: mysql.pool }).users);
  refreshTokenRepositoryContract('mysql', () => createAuthRepositories({ mysql: mysql.pool }));
});

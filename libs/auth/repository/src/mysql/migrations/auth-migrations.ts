import { migrate, type MigrateResult, type Migration, type MysqlPool } from '@mosaic/kit-db';
import { createAuthUsers } from './001-create-auth-users';
import { createAuthRefreshTokenFamilies } from './002-create-auth-refresh-token-families';
import { createAuthRefreshTokens } from './003-create-auth-refresh-tokens';
import { addAuthUsersVersion } from './004-add-auth-users-version';

/**
 * The auth schema, in order. Kept as modules rather than .sql files so they travel
 * inside an app bundle; never edit one that shipped, add the next version instead.
 */
export const AUTH_MIGRATIONS: readonly Migration[] = [createAuthUsers, createAuthRefreshTokenFamilies, createAuthRefreshTokens, addAuthUsersVersion];

/** Brings the auth tables up to date; safe to run from every instance at start-up. */
export function migrateAuthSchema(pool: MysqlPool): Promise<MigrateResult> {
  return migrate(pool, { namespace: 'auth', migrations: AUTH_MIGRATIONS });
}

import { migrate, type MigrateResult, type MysqlPool } from '@mosaic/kit-db';
import { URLSHORTENER_MIGRATIONS } from './urlshortener-migrations';

/** Brings the shortener's tables up to date; safe to run from every instance at start-up. */
export function migrateUrlshortener(pool: MysqlPool): Promise<MigrateResult> {
  return migrate(pool, { namespace: 'urlshortener', migrations: URLSHORTENER_MIGRATIONS });
}

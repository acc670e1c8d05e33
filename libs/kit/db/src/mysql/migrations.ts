import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One versioned schema change of one library, applied once and never edited afterwards. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Raised when migrations cannot be applied safely; nothing further is applied. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

const FILE_NAME = /^(\d+)_([A-Za-z0-9_-]+)\.sql$/;

/**
 * Reads `<version>_<name>.sql` files (e.g. `001_create_links.sql`) from a directory,
 * in version order. Other `.sql` names are refused rather than silently skipped, so
 * a misnamed migration cannot go unnoticed; files of other types are ignored.
 */
export async function loadMigrations(dir: string): Promise<Migration[]> {
  let files: string[];
  try {
    files = await readdir(dir);
  } catch (error) {
    throw new MigrationError(`cannot read migrations directory ${dir}: ${(error as Error).message}`, { cause: error });
  }
  const migrations: Migration[] = [];
  for (const file of files.filter((name) => name.toLowerCase().endsWith('.sql'))) {
    const match = FILE_NAME.exec(file);
    if (!match) throw new MigrationError(`migration file ${join(dir, file)} is not named <version>_<name>.sql`);
    migrations.push({ version: Number(match[1]), name: match[2], sql: await readFile(join(dir, file), 'utf8') });
  }
  return sortedMigrations(migrations);
}

/** Validates a list and returns it in version order. */
export function sortedMigrations(migrations: readonly Migration[]): Migration[] {
  const byVersion = new Map<number, Migration>();
  for (const migration of migrations) {
    if (!Number.isSafeInteger(migration.version) || migration.version < 1) {
      throw new MigrationError(`migration "${migration.name}" has version ${migration.version}; versions are positive integers`);
    }
    if (!migration.name) throw new MigrationError(`migration ${migration.version} has no name`);
    const clash = byVersion.get(migration.version);
    if (clash) throw new MigrationError(`migrations "${clash.name}" and "${migration.name}" share version ${migration.version}`);
    byVersion.set(migration.version, migration);
  }
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}

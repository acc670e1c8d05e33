import { createHash } from 'node:crypto';
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';
import { LOCK_NOT_ACQUIRED, withNamedLock } from './named-lock';
import { loadMigrations, MigrationError, sortedMigrations, type Migration } from './migrations';
import { splitSqlStatements } from './sql-statements';

export interface MigrateOptions {
  /** Whose migrations these are, e.g. "urlshortener"; each library keeps its own version sequence. */
  namespace: string;
  /** A directory of `<version>_<name>.sql` files… */
  migrationsDir?: string;
  /** …or the migrations themselves. */
  migrations?: readonly Migration[];
  /** Where applied migrations are recorded; default "schema_migrations". */
  table?: string;
  /** How long to wait for another runner to finish; default 60 s. */
  lockTimeoutSeconds?: number;
}

export interface MigrateResult {
  /** Applied by this call, in order. */
  applied: { version: number; name: string }[];
  /** Already applied before this call (by this or another runner). */
  alreadyApplied: number;
}

interface AppliedRow extends RowDataPacket {
  version: number;
  name: string;
  checksum: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Brings one namespace's schema up to date: applies each migration not yet recorded,
 * in version order, and records it with its checksum. Runners serialise on a server
 * lock (GET_LOCK) per database and namespace, so instances starting together apply
 * each migration once. It refuses to run — before applying anything — when an
 * applied migration was edited or removed, or when a new one sorts before one
 * already applied.
 *
 * MySQL commits DDL implicitly, so a migration that fails half-way stays half-applied
 * and unrecorded; write multi-statement migrations so they can be re-run (IF NOT
 * EXISTS), or keep one DDL statement per migration.
 *
 * Why not umzug: it records only migration names, so an edited migration would pass
 * unnoticed (the checksums here refuse it), and it has no lock of its own — its
 * storage would still have to take GET_LOCK on the pool's connection. What it would
 * replace is the ordering and bookkeeping below, about as long as the custom storage
 * and locking adapter it would need, so it would make this neither smaller nor safer.
 */
export async function migrate(pool: Pool, options: MigrateOptions): Promise<MigrateResult> {
  const { namespace } = options;
  if (!namespace) throw new MigrationError('migrate needs a namespace');
  const table = options.table ?? 'schema_migrations';
  if (!IDENTIFIER.test(table)) throw new MigrationError(`"${table}" is not a plain table name`);
  const lockTimeoutSeconds = options.lockTimeoutSeconds ?? 60;
  // GET_LOCK treats a negative timeout as "wait forever", which a deploy should never do.
  if (!Number.isFinite(lockTimeoutSeconds) || lockTimeoutSeconds < 0) {
    throw new MigrationError(`lockTimeoutSeconds must be a non-negative number, got ${lockTimeoutSeconds}`);
  }
  const migrations = await resolveMigrations(options);

  const outcome = await withNamedLock(pool, `migrate\0${table}\0${namespace}`, lockTimeoutSeconds, async (connection) => {
    await currentDatabase(connection);
    return applyPending(connection, table, namespace, migrations);
  });
  if (outcome === LOCK_NOT_ACQUIRED) {
    throw new MigrationError(`another runner held the migration lock for "${namespace}" for more than ${lockTimeoutSeconds}s`);
  }
  return outcome;
}

async function resolveMigrations(options: MigrateOptions): Promise<Migration[]> {
  if (options.migrations && options.migrationsDir) throw new MigrationError('give migrations or migrationsDir, not both');
  if (options.migrations) return sortedMigrations(options.migrations);
  if (options.migrationsDir) return loadMigrations(options.migrationsDir);
  throw new MigrationError('give migrations or migrationsDir');
}

async function currentDatabase(connection: PoolConnection): Promise<string> {
  const [rows] = await connection.query<RowDataPacket[]>('SELECT DATABASE() AS db');
  const database = rows[0]?.db as string | null;
  if (!database) throw new MigrationError('migrate needs a connection URL that names a database');
  return database;
}

async function applyPending(connection: PoolConnection, table: string, namespace: string, migrations: Migration[]): Promise<MigrateResult> {
  await connection.query(
    `CREATE TABLE IF NOT EXISTS \`${table}\` (
      namespace VARCHAR(100) NOT NULL,
      version INT UNSIGNED NOT NULL,
      name VARCHAR(255) NOT NULL,
      checksum CHAR(64) NOT NULL,
      applied_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (namespace, version)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
  );
  const [appliedRows] = await connection.query<AppliedRow[]>(`SELECT version, name, checksum FROM \`${table}\` WHERE namespace = ? ORDER BY version`, [
    namespace,
  ]);
  const applied = new Map(appliedRows.map((row) => [Number(row.version), row]));
  const byVersion = new Map(migrations.map((migration) => [migration.version, migration]));

  for (const [version, row] of applied) {
    const migration = byVersion.get(version);
    if (!migration) {
      throw new MigrationError(`${namespace} migration ${version} (${row.name}) was applied but is no longer in the list`);
    }
    if (checksumOf(migration.sql) !== row.checksum) {
      throw new MigrationError(`${namespace} migration ${version} (${migration.name}) was edited after it was applied; add a new migration instead`);
    }
  }
  const pending = migrations.filter((migration) => !applied.has(migration.version));
  const latest = Math.max(0, ...applied.keys());
  const late = pending.find((migration) => migration.version < latest);
  if (late) {
    throw new MigrationError(`${namespace} migration ${late.version} (${late.name}) sorts before ${latest}, which is already applied`);
  }

  // Parse everything first: a malformed file fails the run before anything is applied.
  const plan = pending.map((migration) => ({ migration, statements: splitStatements(namespace, migration) }));
  const done: MigrateResult['applied'] = [];
  for (const { migration, statements } of plan) {
    for (const [index, statement] of statements.entries()) {
      try {
        await connection.query(statement);
      } catch (error) {
        throw new MigrationError(
          `${namespace} migration ${migration.version} (${migration.name}) failed at statement ${index + 1} of ${statements.length}: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }
    await connection.query(`INSERT INTO \`${table}\` (namespace, version, name, checksum) VALUES (?, ?, ?, ?)`, [
      namespace,
      migration.version,
      migration.name,
      checksumOf(migration.sql),
    ]);
    done.push({ version: migration.version, name: migration.name });
  }
  return { applied: done, alreadyApplied: applied.size };
}

function splitStatements(namespace: string, migration: Migration): string[] {
  try {
    return splitSqlStatements(migration.sql);
  } catch (error) {
    throw new MigrationError(`${namespace} migration ${migration.version} (${migration.name}): ${(error as Error).message}`, { cause: error });
  }
}

/** Line endings are normalised so a checkout on Windows does not look like an edit. */
function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

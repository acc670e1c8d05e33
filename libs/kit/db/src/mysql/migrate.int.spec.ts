import { createTestDatabase, describeWithBackend, type TestDatabase } from '@mosaic/kit-testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RowDataPacket } from 'mysql2/promise';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createMysqlPool, type MysqlPoolHandle } from './create-mysql-pool';
import { migrate } from './migrate';
import { MigrationError, type Migration } from './migrations';

// Plain CREATE TABLE (no IF NOT EXISTS): applying a migration twice would fail loudly.
const LINKS: Migration[] = [
  { version: 1, name: 'create_links', sql: 'CREATE TABLE links (id BIGINT PRIMARY KEY, code VARCHAR(16) NOT NULL)' },
  { version: 2, name: 'index_code', sql: 'CREATE UNIQUE INDEX links_code ON links (code);' },
  {
    version: 3,
    name: 'seed',
    sql: "-- two statements, one with a semicolon in a string\nINSERT INTO links VALUES (1, 'a;b');\nINSERT INTO links VALUES (2, 'it''s');\n",
  },
];

describeWithBackend('mysql', 'migrate', (backend) => {
  let database: TestDatabase;
  const handles: MysqlPoolHandle[] = [];
  const pool = () => handles[0].pool;

  // A fresh database per test: migrations are about what exists, so tests must not share it.
  beforeEach(async () => {
    database = await createTestDatabase(backend.url(), 'kitdb_migrate');
    handles.push(createMysqlPool(database.url), createMysqlPool(database.url));
  });
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((handle) => handle.resource.close()));
    await database.drop();
  });

  async function recorded(table = 'schema_migrations'): Promise<{ namespace: string; version: number; name: string }[]> {
    const [rows] = await pool().query<RowDataPacket[]>(`SELECT namespace, version, name FROM ${table} ORDER BY namespace, version`);
    return rows.map(({ namespace, version, name }) => ({ namespace, version, name }));
  }

  async function tableExists(name: string): Promise<boolean> {
    const [rows] = await pool().query<RowDataPacket[]>(
      'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
      [name],
    );
    return Number(rows[0].n) === 1;
  }

  it('applies migrations in order, once, and records them', async () => {
    const shuffled = [LINKS[2], LINKS[0], LINKS[1]];
    expect(await migrate(pool(), { namespace: 'links', migrations: shuffled })).toEqual({
      applied: [
        { version: 1, name: 'create_links' },
        { version: 2, name: 'index_code' },
        { version: 3, name: 'seed' },
      ],
      alreadyApplied: 0,
    });
    const [rows] = await pool().query<RowDataPacket[]>('SELECT code FROM links ORDER BY id');
    expect(rows.map((row) => row.code)).toEqual(['a;b', "it's"]);
    expect(await recorded()).toEqual([
      { namespace: 'links', version: 1, name: 'create_links' },
      { namespace: 'links', version: 2, name: 'index_code' },
      { namespace: 'links', version: 3, name: 'seed' },
    ]);

    expect(await migrate(pool(), { namespace: 'links', migrations: LINKS })).toEqual({ applied: [], alreadyApplied: 3 });
  });

  it('applies only what is new on a later run', async () => {
    await migrate(pool(), { namespace: 'links', migrations: LINKS.slice(0, 2) });
    expect(await migrate(pool(), { namespace: 'links', migrations: LINKS })).toEqual({
      applied: [{ version: 3, name: 'seed' }],
      alreadyApplied: 2,
    });
  });

  it('applies each migration once when two runners start together', async () => {
    const [first, second] = await Promise.all(handles.map((handle) => migrate(handle.pool, { namespace: 'links', migrations: LINKS })));
    const appliedVersions = [...first.applied, ...second.applied].map((migration) => migration.version).sort();
    expect(appliedVersions).toEqual([1, 2, 3]);
    // Whoever waited for the lock found everything done.
    expect([first.applied.length, second.applied.length].sort()).toEqual([0, 3]);
    expect(await recorded()).toHaveLength(3);
  });

  it('refuses to run when an applied migration was edited, applying nothing', async () => {
    await migrate(pool(), { namespace: 'links', migrations: LINKS.slice(0, 2) });
    const edited = [LINKS[0], { ...LINKS[1], sql: 'CREATE INDEX links_code ON links (code)' }, LINKS[2]];
    const run = migrate(pool(), { namespace: 'links', migrations: edited });
    await expect(run).rejects.toThrow(MigrationError);
    await expect(run).rejects.toThrow('links migration 2 (index_code) was edited after it was applied');
    expect(await recorded()).toHaveLength(2);
    const [rows] = await pool().query<RowDataPacket[]>('SELECT COUNT(*) AS n FROM links');
    expect(Number(rows[0].n)).toBe(0);
  });

  it('ignores line-ending differences when comparing checksums', async () => {
    const unix = [{ version: 1, name: 'create', sql: 'CREATE TABLE t (id INT);\nINSERT INTO t VALUES (1);\n' }];
    await migrate(pool(), { namespace: 'eol', migrations: unix });
    const windows = [{ ...unix[0], sql: unix[0].sql.replace(/\n/g, '\r\n') }];
    expect(await migrate(pool(), { namespace: 'eol', migrations: windows })).toEqual({ applied: [], alreadyApplied: 1 });
  });

  it('refuses a removed migration and one that sorts before an applied one', async () => {
    await migrate(pool(), { namespace: 'links', migrations: [LINKS[0], LINKS[2]] });
    await expect(migrate(pool(), { namespace: 'links', migrations: [LINKS[0]] })).rejects.toThrow(
      'links migration 3 (seed) was applied but is no longer in the list',
    );
    await expect(migrate(pool(), { namespace: 'links', migrations: LINKS })).rejects.toThrow(
      'links migration 2 (index_code) sorts before 3, which is already applied',
    );
  });

  it('keeps namespaces apart, in one table or in another', async () => {
    const users: Migration[] = [{ version: 1, name: 'create_users', sql: 'CREATE TABLE users (id BIGINT PRIMARY KEY)' }];
    await migrate(pool(), { namespace: 'links', migrations: LINKS.slice(0, 1) });
    expect(await migrate(pool(), { namespace: 'users', migrations: users })).toEqual({
      applied: [{ version: 1, name: 'create_users' }],
      alreadyApplied: 0,
    });
    const audit: Migration[] = [{ version: 1, name: 'create_audit', sql: 'CREATE TABLE audit (id BIGINT PRIMARY KEY)' }];
    await migrate(pool(), { namespace: 'links', migrations: audit, table: 'audit_migrations' });
    expect(await recorded()).toEqual([
      { namespace: 'links', version: 1, name: 'create_links' },
      { namespace: 'users', version: 1, name: 'create_users' },
    ]);
    expect(await recorded('audit_migrations')).toEqual([{ namespace: 'links', version: 1, name: 'create_audit' }]);
  });

  it('stops at a failing statement, naming it, and keeps earlier migrations', async () => {
    const broken: Migration[] = [
      LINKS[0],
      { version: 2, name: 'broken', sql: 'CREATE TABLE ok_part (id INT);\nCREATE TABLE links (id INT);' },
      { version: 3, name: 'never', sql: 'CREATE TABLE never_created (id INT)' },
    ];
    await expect(migrate(pool(), { namespace: 'links', migrations: broken })).rejects.toThrow(
      /links migration 2 \(broken\) failed at statement 2 of 2: .*already exists/,
    );
    expect(await recorded()).toEqual([{ namespace: 'links', version: 1, name: 'create_links' }]);
    expect(await tableExists('never_created')).toBe(false);
  });

  it('refuses a malformed file before applying anything', async () => {
    const malformed: Migration[] = [LINKS[0], { version: 2, name: 'open_quote', sql: "INSERT INTO links VALUES (9, 'oops)" }];
    await expect(migrate(pool(), { namespace: 'links', migrations: malformed })).rejects.toThrow(/open_quote.*unterminated/);
    expect(await tableExists('links')).toBe(false);
  });

  it('reads a migrations directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'migrations-'));
    try {
      await writeFile(join(dir, '001_create_links.sql'), LINKS[0].sql);
      await writeFile(join(dir, '002_index_code.sql'), LINKS[1].sql);
      expect((await migrate(pool(), { namespace: 'links', migrationsDir: dir })).applied).toEqual([
        { version: 1, name: 'create_links' },
        { version: 2, name: 'index_code' },
      ]);
      // The same SQL given as a list is the same migration: no checksum complaint.
      expect(await migrate(pool(), { namespace: 'links', migrations: LINKS })).toEqual({
        applied: [{ version: 3, name: 'seed' }],
        alreadyApplied: 2,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives up waiting when another runner holds the lock too long', async () => {
    const holder = await handles[1].pool.getConnection();
    try {
      // Take the lock the way a runner would: by running migrate with a migration that blocks on it.
      await holder.query('CREATE TABLE gate (id INT PRIMARY KEY) ENGINE=InnoDB');
      await holder.query('INSERT INTO gate VALUES (1)');
      await holder.beginTransaction();
      await holder.query('SELECT id FROM gate WHERE id = 1 FOR UPDATE');
      const blocked = migrate(handles[1].pool, {
        namespace: 'links',
        migrations: [{ version: 1, name: 'wait_for_gate', sql: 'UPDATE gate SET id = 1 WHERE id = 1' }],
      });
      // The runner above now holds the migration lock while it waits on the row lock.
      await expect
        .poll(async () => {
          const [rows] = await pool().query<RowDataPacket[]>(
            "SELECT COUNT(*) AS n FROM information_schema.processlist WHERE db = DATABASE() AND info LIKE 'UPDATE gate%'",
          );
          return Number(rows[0].n);
        })
        .toBe(1);
      await expect(migrate(pool(), { namespace: 'links', migrations: LINKS, lockTimeoutSeconds: 1 })).rejects.toThrow(
        'another runner held the migration lock for "links" for more than 1s',
      );
      await holder.commit();
      expect((await blocked).applied).toEqual([{ version: 1, name: 'wait_for_gate' }]);
    } finally {
      holder.release();
    }
  });
});

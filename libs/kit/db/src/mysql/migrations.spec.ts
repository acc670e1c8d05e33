import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadMigrations, MigrationError } from './migrations';

describe('loadMigrations', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'migrations-'));
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('reads versioned SQL files in version order, ignoring other files', async () => {
    await writeFile(join(dir, '010_add_index.sql'), 'CREATE INDEX i ON links (code);');
    await writeFile(join(dir, '002_create_links.sql'), 'CREATE TABLE links (id BIGINT);');
    await writeFile(join(dir, 'README.md'), 'not a migration');
    await mkdir(join(dir, 'archive'));
    expect(await loadMigrations(dir)).toEqual([
      { version: 2, name: 'create_links', sql: 'CREATE TABLE links (id BIGINT);' },
      { version: 10, name: 'add_index', sql: 'CREATE INDEX i ON links (code);' },
    ]);
  });

  it('refuses a misnamed SQL file instead of skipping it', async () => {
    await writeFile(join(dir, 'create_links.sql'), 'SELECT 1');
    await expect(loadMigrations(dir)).rejects.toThrow(MigrationError);
    await expect(loadMigrations(dir)).rejects.toThrow(/create_links\.sql is not named <version>_<name>\.sql/);
  });

  it('refuses two files with the same version', async () => {
    await writeFile(join(dir, '001_a.sql'), 'SELECT 1');
    await writeFile(join(dir, '1_b.sql'), 'SELECT 2');
    await expect(loadMigrations(dir)).rejects.toThrow(/share version 1/);
  });

  it('names a missing directory', async () => {
    await expect(loadMigrations(join(dir, 'absent'))).rejects.toThrow(/cannot read migrations directory .*absent/);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const script = resolve(import.meta.dirname, 'test-summary.mjs');

function report(dir: string, project: string, body: object) {
  writeFileSync(join(dir, 'test-results', `${project}.json`), JSON.stringify(body));
}

const passing = (root: string) => ({
  numPassedTests: 5,
  numFailedTests: 0,
  numFailedTestSuites: 0,
  numPendingTests: 2,
  numTodoTests: 0,
  testResults: [
    {
      name: join(root, 'libs/shop/repository/src/mysql/mysql-cart.int.spec.ts'),
      assertionResults: [
        { ancestorTitles: ['cart repository [MySQL/MariaDB]'], title: 'keeps items', status: 'skipped' },
        { ancestorTitles: ['cart repository [MySQL/MariaDB]'], title: 'drops items', status: 'skipped' },
      ],
    },
  ],
});

describe('test-summary', () => {
  let root: string;
  let listener: Server;
  let port: number;
  const closed = 1; // nothing listens on port 1 without privileges

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'mosaic-summary-'));
    mkdirSync(join(root, 'test-results'));
    report(root, 'shop-repository', passing(root));
    report(root, 'shop-delivery', { numPassedTests: 3, numFailedTests: 1, numFailedTestSuites: 1, numPendingTests: 0, numTodoTests: 0, testResults: [] });
    listener = createServer().listen(0, '127.0.0.1');
    await new Promise((done) => listener.once('listening', done));
    port = (listener.address() as { port: number }).port;
  });
  afterAll(() => {
    listener.close();
    rmSync(root, { recursive: true, force: true });
  });

  function summarize(args: string[], env: Record<string, string> = {}) {
    const ports = {
      MOSAIC_MYSQL_PORT: String(closed),
      MOSAIC_REDIS_PORT: String(closed),
      MOSAIC_KAFKA_PORT: String(closed),
      MOSAIC_MONGO_PORT: String(closed),
    };
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(CI|MYSQL_URL|REDIS_URL|KAFKA_BROKERS|MONGO_URL)$/.test(name)));
    return spawnSync('node', [script, ...args], { cwd: root, encoding: 'utf8', env: { ...clean, ...ports, ...env } });
  }

  it('prints a line per project, the skipped suites with their command, and the total last', () => {
    const run = summarize([]);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toContain('shop-delivery    3 passed, 1 failed, 0 skipped');
    expect(lines).toContain('shop-repository  5 passed, 0 failed, 2 skipped');
    expect(run.stdout).toContain('libs/shop/repository/src/mysql/mysql-cart.int.spec.ts › cart repository [MySQL/MariaDB]');
    expect(run.stdout).toContain('npm run services -- up && eval "$(npm run -s services -- env)" && npx nx test shop-repository');
    expect(lines.at(-1)).toBe('total: 8 passed, 1 failed, 2 skipped');
    expect(run.status).toBe(1);
  });

  it('keeps the status of the run it summarises', () => {
    const run = summarize(['--exit-code=3']);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('total: 8 passed, 1 failed, 2 skipped');
    expect(run.status).toBe(3);
  });

  it('says when a local backend listens but its variable is not set, and how to use it', () => {
    const unset = summarize([], { MOSAIC_REDIS_PORT: String(port) });
    expect(unset.stdout).toContain(`Redis (127.0.0.1:${port}) is listening but REDIS_URL is not set`);
    expect(unset.stdout).toContain('eval "$(npm run -s services -- env)" && npm test');
    const set = summarize([], { MOSAIC_REDIS_PORT: String(port), REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(set.stdout).not.toContain('is listening');
  });

  it('fails a run with skipped suites under CI=true', () => {
    rmSync(join(root, 'test-results', 'shop-delivery.json'));
    const strict = summarize([], { CI: 'true' });
    expect(strict.stdout).toContain('strict mode (CI=true): skipped tests are failures');
    expect(strict.status).toBe(1);
    expect(summarize([]).status).toBe(0);
  });
});

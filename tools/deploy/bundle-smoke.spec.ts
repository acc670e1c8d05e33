import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { undeclaredRequires } from './bundle-requires';
import { pageProblems } from './page-check';
import { productionInstall } from './production-install';

const root = resolve(import.meta.dirname, '../..');
const apps = readdirSync(join(root, 'apps')).filter((app) => existsSync(join(root, 'apps', app, 'src/main.ts')));

const running: ChildProcess[] = [];
afterEach(() => stopAll());

/**
 * Stops every started bundle and waits for it to exit: a process still draining (the
 * exchange journal flushes on SIGTERM) would otherwise write into the directory being removed.
 */
async function stopAll(): Promise<void> {
  await Promise.all(
    running.splice(0).map(
      (child) =>
        new Promise<void>((resolveExit) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolveExit();
          const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolveExit();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

/** Starts a bundle on a free port (PORT=0) and resolves with the URL it logs once listening. */
function start(bundle: string, cwd: string): Promise<string> {
  const child = spawn(process.execPath, [bundle], {
    cwd,
    env: { PATH: process.env.PATH, PORT: '0', NODE_ENV: 'production', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  return new Promise((resolveUrl, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/[\w.:[\]-]+)/.exec(output)?.[1];
      if (url) resolveUrl(url);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => reject(new Error(`${bundle} exited with ${code}:\n${output}`)));
  });
}

describe.each(apps)('the %s bundle', (app) => {
  it('builds to dist/apps/<app>/ (main.js and page assets), starts with production dependencies only, answers /health and serves its pages', async () => {
    const build = spawnSync(process.execPath, ['tools/scripts/build-app.mjs', `apps/${app}`], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stderr).toBe(0);
    const bundle = join(root, 'dist/apps', app, 'main.js');
    expect(undeclaredRequires(readFileSync(bundle, 'utf8'), root)).toEqual([]);

    // As in the image: /app/dist holds the build, /app/node_modules the production dependencies
    // alone (no esbuild, no sources), and the embedded default writes ./data there.
    const cwd = mkdtempSync(join(tmpdir(), `mosaic-${app}-`));
    try {
      cpSync(join(root, 'dist/apps', app), join(cwd, 'dist'), { recursive: true });
      productionInstall(root, cwd);
      const url = await start('dist/main.js', cwd);
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      expect((await fetch(`${url}/openapi.json`)).status).toBe(200);
      expect((await fetch(`${url}/docs`)).headers.get('content-type')).toMatch(/^text\/html/);
      const { pages, problems } = await pageProblems(url);
      expect(problems).toEqual([]);
      expect(pages.length).toBeGreaterThan(0);
    } finally {
      await stopAll();
      rmSync(cwd, { recursive: true, force: true, maxRetries: 3 });
    }
    // Bundling and a cold start of the whole app (telemetry included) on a busy machine.
  }, 120_000);
});

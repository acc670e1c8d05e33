import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isRunning, stopNpmScript } from '@mosaic/kit-testing';
import { describe, expect, it } from 'vitest';

const workspace = resolve(import.meta.dirname, '../..');
const { scripts } = JSON.parse(readFileSync(resolve(workspace, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const startScripts = Object.keys(scripts).filter((name) => /^start(:|$)/.test(name));

// npm hands SIGTERM to its direct child only: each script `exec`s node (no shell
// left in between) and loads TypeScript with `--import tsx` (no tsx wrapper process).
describe.each(startScripts)('npm run %s', (script) => {
  it('serves, and on SIGTERM to the npm process drains, exits 0 and leaves nothing running', async () => {
    const outcome = await stopNpmScript(script, workspace);
    expect(outcome).toMatchObject({ health: 200, exitCode: 0, appsLeft: [], stillListening: false, refusedWhileInFlight: true });
    // The request in flight at SIGTERM (a POST to /health, body half sent) still got the app's answer after new connections were refused.
    expect(outcome.inFlightStatusLine).toMatch(/^HTTP\/1\.1 405 /);
    expect(outcome.descendants.length).toBeGreaterThan(0);
    // Helpers such as esbuild's service end as soon as their parent's pipes close.
    await expect.poll(() => outcome.descendants.filter(isRunning), { timeout: 20_000, interval: 200 }).toEqual([]);
    // npm, tsx and a whole app starting on two loaded cores took up to a minute when watched:
    // the budget is for the machine; every wait inside is on an event or a bounded poll.
  }, 240_000);
});

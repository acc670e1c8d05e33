import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { refusesConnections } from '@mosaic/kit-testing';
import { describe, expect, it } from 'vitest';

const fixture = resolve(import.meta.dirname, '../fixtures/slow-server.ts');

describe('startServer graceful shutdown', () => {
  it('lets an in-flight request finish after SIGTERM, refuses new ones, closes resources and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout! });
    const output: string[] = [];
    const port = await new Promise<number>((resolvePort, reject) => {
      lines.on('line', (line) => {
        output.push(line);
        if (line.startsWith('listening:')) resolvePort(Number(line.slice('listening:'.length)));
      });
      child.once('exit', (code) => reject(new Error(`fixture exited early with ${code}`)));
    });

    const inFlight = new Promise<void>((resolveInFlight) => lines.on('line', (line) => line === 'in-flight:slow' && resolveInFlight()));
    const slow = fetch(`http://127.0.0.1:${port}/slow`).then(async (res) => ({ status: res.status, body: await res.json() }));
    await inFlight;
    child.kill('SIGTERM');
    // Polled: the child handles the signal whenever the machine lets it; the slow request is held meanwhile.
    const refused = (await refusesConnections(`http://127.0.0.1:${port}`, 20_000)) ? 'refused' : 'accepted';
    child.kill('SIGUSR2');

    expect(await slow).toEqual({ status: 200, body: { finished: true } });
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(refused).toBe('refused');
    expect(output).toContain('closed:fake-db');
  }, 60_000);
});

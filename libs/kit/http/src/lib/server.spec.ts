import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
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

    const slow = fetch(`http://127.0.0.1:${port}/slow`).then(async (res) => ({ status: res.status, body: await res.json() }));
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    const refused = await fetch(`http://127.0.0.1:${port}/health`).then(
      () => 'accepted',
      () => 'refused',
    );

    expect(await slow).toEqual({ status: 200, body: { finished: true } });
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(refused).toBe('refused');
    expect(output).toContain('closed:fake-db');
  }, 20_000);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const main = resolve(import.meta.dirname, 'main.ts');

/** Starts the platform exactly as `npm start` does, on a free port. */
async function startPlatform(env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /listening on (http:\/\/[\d.:]+)/.exec(line);
      if (match) resolveUrl(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`platform exited early with ${code}`)));
  });
  return { child, url };
}

async function stop(child: ChildProcess): Promise<number | null> {
  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  return code as number | null;
}

describe('the platform process', () => {
  it('serves /health and request metrics, and exits 0 on SIGTERM', async () => {
    const { child, url } = await startPlatform();
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/http_server_requests_total\{[^}]*route="\/health"[^}]*\} 1/);
    expect(await stop(child)).toBe(0);
  }, 30_000);

  it('refuses to start when a backend URL is malformed, naming the variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, PORT: '0', MYSQL_URL: 'not-a-url' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(stderr).toContain('MYSQL_URL');
  }, 30_000);

  it('exports traces over OTLP when an endpoint is configured', async () => {
    const received: string[] = [];
    const collector = createServer((req: IncomingMessage, res) => {
      req.resume();
      req.on('end', () => {
        received.push(`${req.method} ${req.url}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    collector.listen(0, '127.0.0.1');
    await once(collector, 'listening');
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
    try {
      const { child, url } = await startPlatform({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect(await stop(child)).toBe(0); // shutdown flushes the span batch
      expect(received).toContain('POST /v1/traces');
    } finally {
      collector.close();
    }
  }, 30_000);
});

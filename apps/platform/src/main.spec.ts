import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { startAppProcess } from '@mosaic/kit-testing';
import { describe, expect, it } from 'vitest';

const main = resolve(import.meta.dirname, 'main.ts');

describe('the platform process', () => {
  it('serves /health and request metrics, and exits 0 on SIGTERM', async () => {
    const { url, stop } = await startAppProcess(main);
    try {
      const health = await fetch(`${url}/health`);
      expect(health.status).toBe(200);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toMatch(/http_server_request_duration_seconds_count\{[^}]*route="\/health"[^}]*\} 1/);
    } finally {
      expect(await stop()).toBe(0);
    }
  }, 90_000);

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
  }, 90_000);

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
      const { url, stop } = await startAppProcess(main, { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect(await stop()).toBe(0); // shutdown flushes the span batch
      expect(received).toContain('POST /v1/traces');
    } finally {
      collector.close();
    }
  }, 90_000);
});

import { createServer } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { initTelemetry } from './telemetry';

async function scrape(record: (telemetry: ReturnType<typeof initTelemetry>) => void): Promise<string> {
  const telemetry = initTelemetry({ serviceName: 'durations-test' });
  record(telemetry);
  const server = createServer((req, res) => telemetry.metricsHandler(req, res)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    return await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`)).text();
  } finally {
    server.close();
    await telemetry.shutdown();
  }
}

describe('RequestDurations', () => {
  it('serves a cumulative histogram per method, route and status through the Prometheus exporter', async () => {
    const text = await scrape(({ requestDurations }) => {
      requestDurations.record('GET', '/links/:code', 200, 0.003);
      requestDurations.record('GET', '/links/:code', 200, 0.02);
      requestDurations.record('GET', '/links/:code', 200, 4);
      requestDurations.record('POST', '/links', 429, 0.001);
    });
    const series = (suffix: string, labels: string, le?: string) =>
      new RegExp(`http_server_request_duration_seconds_${suffix}\\{[^}]*${labels}[^}]*${le ? `le="${le}"` : ''}[^}]*\\} ([0-9.e+-]+)`);
    const get = 'method="GET",route="/links/:code",status="200"';
    expect(text).toMatch(series('count', get));
    expect(series('count', get).exec(text)?.[1]).toBe('3');
    expect(Number(series('sum', get).exec(text)?.[1])).toBeCloseTo(4.023, 6);
    expect(series('bucket', get, '0.005').exec(text)?.[1]).toBe('1');
    expect(series('bucket', get, '0.025').exec(text)?.[1]).toBe('2');
    expect(series('bucket', get, '\\+Inf').exec(text)?.[1]).toBe('3');
    expect(series('count', 'method="POST",route="/links",status="429"').exec(text)?.[1]).toBe('1');
  });

  it('keeps one series per method and status under the same route', async () => {
    const text = await scrape(({ requestDurations }) => {
      for (const [method, status] of [
        ['GET', 302],
        ['GET', 404],
        ['HEAD', 302],
        ['GET', 302],
      ] as const)
        requestDurations.record(method, '/:code', status, 0.001);
    });
    const count = (labels: string) => new RegExp(`http_server_request_duration_seconds_count\\{${labels}[^}]*\\} ([0-9]+)`).exec(text)?.[1];
    expect([
      count('method="GET",route="/:code",status="302"'),
      count('method="GET",route="/:code",status="404"'),
      count('method="HEAD",route="/:code",status="302"'),
    ]).toEqual(['2', '1', '1']);
  });

  it('counts a duration equal to a boundary in that boundary’s bucket', async () => {
    const text = await scrape(({ requestDurations }) => requestDurations.record('GET', '/', 200, 0.001));
    expect(text).toMatch(/http_server_request_duration_seconds_bucket\{[^}]*le="0.001"[^}]*\} 1/);
  });
});

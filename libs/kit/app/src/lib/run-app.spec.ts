import { buildHttpApp } from '@mosaic/kit-http';
import { initTelemetry } from '@mosaic/kit-telemetry';
import { describe, expect, it } from 'vitest';
import { runApp } from './run-app';

describe('runApp', () => {
  it('serves the composed app on the embedded default and closes domain resources before shared backends', async () => {
    const closed: string[] = [];
    const running = await runApp(
      {
        name: 'probe',
        telemetry: initTelemetry({ serviceName: 'probe' }),
        compose: async ({ logger, backends }) => {
          const http = buildHttpApp({
            logger,
            resources: [{ name: 'relay', check: async () => undefined, close: async () => void closed.push('relay') }],
            mount: (app) => app.get('/hello', (_req, res) => void res.json({ hello: 'world' })),
          });
          const mq = backends.mq;
          const close = mq.close.bind(mq);
          mq.close = async () => {
            closed.push(mq.name);
            await close();
          };
          return { http, beforeClose: async () => void closed.push('flush') };
        },
      },
      { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    );
    expect(await (await fetch(`${running.url}/hello`)).json()).toEqual({ hello: 'world' });
    const ready = await (await fetch(`${running.url}/ready`)).json();
    expect(ready).toEqual({ status: 'ready', checks: { 'mq:memory': 'ok', relay: 'ok' } });
    expect(await running.shutdown('test')).toBe(true);
    expect(closed).toEqual(['flush', 'relay', 'mq:memory']);
  });

  it('refuses to start with a malformed backend URL, naming the variable', async () => {
    await expect(
      runApp(
        {
          name: 'probe',
          telemetry: initTelemetry({ serviceName: 'probe' }),
          compose: async () => {
            throw new Error('unreachable');
          },
        },
        { REDIS_URL: 'localhost' },
      ),
    ).rejects.toThrow('REDIS_URL');
  });
});

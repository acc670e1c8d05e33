import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestAppContext } from '@mosaic/kit-app';
import { startServer } from '@mosaic/kit-http';
import { composeExchange } from '../compose-exchange';

/**
 * The exchange app composed as `main` composes it, listening on 127.0.0.1 with a
 * journal in a fresh directory (or `dataDir`). `close` shuts it down as a server would.
 */
export async function runningExchange(env: NodeJS.ProcessEnv = {}, dataDir?: string) {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'exchange-app-')));
  const context = await createTestAppContext({ EXCHANGE_TEST_DEPOSITS: 'true', EXCHANGE_DATA_DIR: dir, ...env });
  const composed = await composeExchange(context);
  const server = await startServer(composed.http, { port: 0, host: '127.0.0.1', exitOnSignal: false });
  const close = async () => {
    await server.shutdown('test over');
    for (const resource of [...context.backends.resources].reverse()) await resource.close();
    if (dataDir === undefined) await rm(dir, { recursive: true, force: true });
  };
  return { url: server.url, wsUrl: `${server.url.replace('http', 'ws')}/ws`, app: composed.http.app, routes: composed.http.routes, dir, close };
}

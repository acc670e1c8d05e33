import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendUrlsFromEnv, loadServerConfig } from '@mosaic/kit-config';
import { SnowflakeIds } from '@mosaic/kit-core';
import { createLogger } from '@mosaic/kit-log';
import { initTelemetry } from '@mosaic/kit-telemetry';
import { connectBackends } from './backends';
import type { AppContext } from './run-app';

/**
 * An AppContext for composing apps and modules in tests: the embedded default, or
 * the backends whose URLs `env` names. Close `context.backends.resources` afterwards.
 * Unless `env` names a DATA_DIR, each context gets a fresh one: files a domain keeps
 * there (a journal with one writer) never collide between tests.
 */
export async function createTestAppContext(givenEnv: NodeJS.ProcessEnv = {}): Promise<AppContext> {
  const env = givenEnv.DATA_DIR ? givenEnv : { ...givenEnv, DATA_DIR: mkdtempSync(join(tmpdir(), 'mosaic-test-data-')) };
  const logger = createLogger({ name: 'test', level: 'silent', pretty: false });
  const config = loadServerConfig(env);
  const backends = await connectBackends(backendUrlsFromEnv(env), { logger, clientId: 'test' });
  return { config, env, logger, telemetry: initTelemetry({ serviceName: 'test' }), backends, ids: new SnowflakeIds(config.WORKER_ID) };
}

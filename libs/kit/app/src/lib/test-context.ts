import { loadServerConfig } from '@mosaic/kit-config';
import { createLogger } from '@mosaic/kit-log';
import { initTelemetry } from '@mosaic/kit-telemetry';
import { connectBackends } from './backends';
import type { AppContext } from './run-app';

/** An AppContext on the embedded default (or the given env), for composing apps in tests. */
export async function embeddedAppContext(env: NodeJS.ProcessEnv = {}): Promise<AppContext> {
  const logger = createLogger({ name: 'test', level: 'silent', pretty: false });
  const config = loadServerConfig(env);
  const backends = await connectBackends({}, { logger, clientId: 'test' });
  return { config, env, logger, telemetry: initTelemetry({ serviceName: 'test' }), backends };
}

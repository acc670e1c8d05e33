import { telemetry } from './instrument';
import { backendUrlsFromEnv, describeBackends, loadServerConfig } from '@mosaic/kit-config';
import { startServer } from '@mosaic/kit-http';
import { createLogger } from '@mosaic/kit-log';
import { DOMAINS } from './domains';
import { createPlatform } from './platform';

async function main(): Promise<void> {
  const config = loadServerConfig();
  const backends = backendUrlsFromEnv();
  const logger = createLogger({ name: 'platform', level: config.LOG_LEVEL });
  logger.info({ backends: describeBackends(backends), tracing: telemetry.tracing }, 'starting');
  const platform = await createPlatform({ logger, telemetry, backends, dataDir: config.DATA_DIR });
  const running = await startServer(platform, {
    port: config.PORT,
    host: config.HOST,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    beforeClose: () => telemetry.shutdown(),
  });
  const pages = DOMAINS.filter((d) => d.ready).map((d) => `  ${d.name}: ${running.url}${d.path}`);
  logger.info(`Mosaic platform listening on ${running.url}\n  home: ${running.url}/\n${pages.join('\n')}`);
}

main().catch((error: unknown) => {
  // Configuration errors already say which variable is wrong; print them plainly.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

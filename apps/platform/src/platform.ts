import type { BackendUrls } from '@mosaic/kit-config';
import { buildHttpApp, type HttpApp } from '@mosaic/kit-http';
import type { Logger } from '@mosaic/kit-log';
import type { Telemetry } from '@mosaic/kit-telemetry';
import { DOMAINS } from './domains';
import { landingPage } from './landing-page';

export interface PlatformOptions {
  logger: Logger;
  telemetry?: Telemetry;
  backends: BackendUrls;
  dataDir: string;
}

/** Every domain in one process: build the backends, wire the domains, mount their routers. */
export async function createPlatform(options: PlatformOptions): Promise<HttpApp> {
  const page = landingPage(DOMAINS);
  return buildHttpApp({
    logger: options.logger,
    telemetry: options.telemetry,
    mount: (app) => {
      app.get('/', (_req, res) => {
        res.type('html').send(page);
      });
    },
  });
}

import type { AppContext, ComposedApp } from '@mosaic/kit-app';
import { buildHttpApp } from '@mosaic/kit-http';
import { DOMAINS } from './domains';
import { landingPage } from './landing-page';

/** Every domain in one process: wire each domain on the shared backends and mount its routers. */
export async function createPlatform(context: AppContext): Promise<ComposedApp> {
  const page = landingPage(DOMAINS);
  const http = buildHttpApp({
    logger: context.logger,
    telemetry: context.telemetry,
    mount: (app) => {
      app.get('/', (_req, res) => {
        res.type('html').send(page);
      });
    },
  });
  return { http, pages: [{ name: 'home', path: '/' }, ...DOMAINS.filter((d) => d.ready).map((d) => ({ name: d.name, path: d.path }))] };
}

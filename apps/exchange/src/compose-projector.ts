import { createExchangeProjector } from '@mosaic/exchange-module';
import type { AppContext, ComposedApp } from '@mosaic/kit-app';
import { buildHttpApp, type HttpApp } from '@mosaic/kit-http';

/**
 * The exchange projector alone (see `createExchangeProjector`): the market data it
 * computes, read-only with the instances' contract (`/api/products…`, the public `/ws`
 * channels; no users, orders or accounts), besides health, readiness and `GET /projector`,
 * which says how far the projections got, so operators (and tests) can tell when it has caught up.
 */
export async function composeProjector(context: AppContext): Promise<ComposedApp> {
  const projector = await createExchangeProjector(context);
  const http: HttpApp = buildHttpApp({
    logger: context.logger,
    telemetry: context.telemetry,
    resources: projector.resources,
    api: { title: 'Mosaic exchange projector', version: '0.1.0' },
    mount: (app) => {
      app.get('/projector', (_req, res, next) => {
        projector.status().then((status) => res.json(status), next);
      });
      app.use('/api', projector.router);
    },
    onListen: (server) => {
      http.lifecycle.add(projector.attach(server));
    },
  });
  return { http };
}

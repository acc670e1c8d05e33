import type { Resource } from '@mosaic/kit-core';
import type { Telemetry } from '@mosaic/kit-telemetry';
import type { RequestHandler, Response } from 'express';

/** What /ready reports and what shutdown closes; shared by the app and its server. */
export class Lifecycle {
  readonly resources: Resource[] = [];
  draining = false;

  add(...resources: Resource[]): this {
    this.resources.push(...resources);
    return this;
  }

  /** For shared clients: closed last, after everything that was built on them. */
  addFirst(...resources: Resource[]): this {
    this.resources.unshift(...resources.filter((resource) => !this.resources.includes(resource)));
    return this;
  }
}

const CHECK_TIMEOUT_MS = 2_000;

/** The paths operationalEndpoints serves (GET and HEAD only). */
export const OPERATIONAL_PATHS: ReadonlySet<string> = new Set(['/health', '/ready', '/metrics']);

/**
 * GET /health (liveness), /ready (every resource answers; 503 while draining) and
 * /metrics, as one layer: a single string compare for every other request instead
 * of a router per endpoint.
 */

export function operationalEndpoints(lifecycle: Lifecycle, telemetry?: Telemetry): RequestHandler {
  return (req, res, next) => {
    // Every request passes here: compare the raw URL rather than have express parse it.
    const url = req.url;
    if ((req.method !== 'GET' && req.method !== 'HEAD') || url.length < 6) return next();
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    if (path !== '/health' && path !== '/ready' && path !== '/metrics') return next();
    // Named for the request metrics, which otherwise read the pattern of an express route.
    res.locals.route = path;
    switch (path) {
      case '/health':
        res.json({ status: 'ok' });
        return;
      case '/ready':
        void readiness(lifecycle, res).catch(next);
        return;
      default:
        if (!telemetry) {
          res.locals.route = undefined;
          return next();
        }
        telemetry.metricsHandler(req, res);
    }
  };
}

async function readiness(lifecycle: Lifecycle, res: Response): Promise<void> {
  const checks = await Promise.all(lifecycle.resources.map(async (resource) => [resource.name, await probe(resource)] as const));
  const ready = !lifecycle.draining && checks.every(([, outcome]) => outcome === 'ok');
  res.status(ready ? 200 : 503).json({
    status: lifecycle.draining ? 'draining' : ready ? 'ready' : 'not_ready',
    checks: Object.fromEntries(checks),
  });
}

async function probe(resource: Resource): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      resource.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

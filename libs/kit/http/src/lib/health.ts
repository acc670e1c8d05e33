import type { Resource } from '@mosaic/kit-core';
import type { Router } from 'express';
import express from 'express';

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

export function healthRouter(lifecycle: Lifecycle): Router {
  const router = express.Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
    const checks = await Promise.all(lifecycle.resources.map(async (resource) => [resource.name, await probe(resource)] as const));
    const ready = !lifecycle.draining && checks.every(([, outcome]) => outcome === 'ok');
    res.status(ready ? 200 : 503).json({
      status: lifecycle.draining ? 'draining' : ready ? 'ready' : 'not_ready',
      checks: Object.fromEntries(checks),
    });
  });
  return router;
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

import { afterAll, beforeAll, describe, it } from 'vitest';
import { availabilityOf, isStrict } from './availability';
import { BACKENDS, type BackendKind } from './backend-kinds';
import { startContainer, type StartedBackend } from './containers';

export interface BackendContext {
  /** The backend's URL (for Kafka, the broker list); valid inside tests and hooks. */
  url(): string;
  readonly source: 'env' | 'testcontainers';
}

/**
 * Declares a suite that runs against a real backend: the URL from the environment,
 * else a container when Docker is there, else a loud skip — or, in strict mode, a
 * failing test that says what is missing.
 */
export function describeWithBackend(kind: BackendKind, name: string, body: (backend: BackendContext) => void): void {
  const availability = availabilityOf(kind);
  const title = `${name} [${BACKENDS[kind].label}]`;

  if (availability.mode === 'missing') {
    if (isStrict()) {
      describe(title, () => {
        it('has its backend', () => {
          throw new Error(`strict mode (CI=true): ${availability.reason}`);
        });
      });
    } else {
      console.warn(`\n⚠ SKIPPED real-backend suite "${title}": ${availability.reason}\n`);
      describe.skip(title, () => body({ url: () => '', source: 'env' }));
    }
    return;
  }

  let started: StartedBackend | undefined;
  const context: BackendContext = {
    source: availability.mode,
    url: () => {
      if (availability.mode === 'env') return availability.url;
      if (!started) throw new Error(`${title}: container not started yet`);
      return started.url;
    },
  };
  describe(title, () => {
    if (availability.mode === 'testcontainers') {
      beforeAll(async () => {
        started = await startContainer(kind);
      }, 180_000);
      afterAll(async () => started?.stop());
    }
    body(context);
  });
}

import { existsSync } from 'node:fs';
import { BACKENDS, type BackendKind } from './backend-kinds';

export type Availability =
  { readonly mode: 'env'; readonly url: string } | { readonly mode: 'testcontainers' } | { readonly mode: 'missing'; readonly reason: string };

/** Strict mode (CI): a real-backend suite that cannot run is a failure, not a skip. */
export function isStrict(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}

export function hasDockerEngine(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

/**
 * Decided synchronously because test collection is synchronous: the URL from the
 * environment wins, then a container when a Docker engine is reachable.
 */
export function availabilityOf(kind: BackendKind, env: NodeJS.ProcessEnv = process.env): Availability {
  const spec = BACKENDS[kind];
  const url = env[spec.envVar]?.trim();
  if (url) return { mode: 'env', url };
  if (hasDockerEngine(env)) return { mode: 'testcontainers' };
  return {
    mode: 'missing',
    reason: `${spec.label} suite needs ${spec.envVar} (run \`npm run services -- up\` and \`eval "$(npm run -s services -- env)"\`) or a Docker engine for testcontainers`,
  };
}

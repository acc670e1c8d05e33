import { loadConfig } from '@mosaic/kit-config';
import { z } from 'zod';

/** The standalone app's own variables (the domain's are in urlshortener-module). */
export const appSettingsShape = {
  /** Express `trust proxy` (hops, "loopback", a subnet…), so the per-IP limit sees clients behind a load balancer. */
  TRUST_PROXY: z.string().optional(),
  /**
   * The auth service's public keys (`…/api/v1/auth/jwks.json`). Set, requests with its
   * access tokens are signed in, so owners can delete their links; unset, every
   * request is anonymous.
   */
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/ }).optional(),
  AUTH_ISSUER: z.string().min(1).default('mosaic'),
  AUTH_AUDIENCE: z.string().min(1).default('mosaic'),
};

export interface AppSettings {
  trustProxy?: boolean | number | string;
  auth?: { jwksUrl: URL; issuer: string; audience: string };
}

export function loadAppSettings(env: NodeJS.ProcessEnv): AppSettings {
  const config = loadConfig(appSettingsShape, env);
  return {
    trustProxy: trustProxyOf(config.TRUST_PROXY),
    auth: config.AUTH_JWKS_URL ? { jwksUrl: new URL(config.AUTH_JWKS_URL), issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE } : undefined,
  };
}

function trustProxyOf(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

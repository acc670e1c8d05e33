import { loadConfig } from '@mosaic/kit-config';
import { z } from 'zod';

/** The standalone app's own variables (the domain's are in urlshortener-module). */
export const appSettingsShape = {
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
  auth?: { jwksUrl: URL; issuer: string; audience: string };
}

export function loadAppSettings(env: NodeJS.ProcessEnv): AppSettings {
  const config = loadConfig(appSettingsShape, env);
  return {
    auth: config.AUTH_JWKS_URL ? { jwksUrl: new URL(config.AUTH_JWKS_URL), issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE } : undefined,
  };
}

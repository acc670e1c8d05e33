import { parseEmail } from '@mosaic/auth-domain';
import { loadConfig } from '@mosaic/kit-config';
import { z } from 'zod';

/** Auth's own variables; a bad value stops the start naming the variable. */
export const authConfigShape = {
  /** The signing key (PEM or JWK; Ed25519, P-256 or RSA). Unset: a development key is generated. */
  AUTH_PRIVATE_KEY: z.string().optional(),
  AUTH_ISSUER: z.string().min(1).default('mosaic'),
  AUTH_AUDIENCE: z.string().min(1).default('mosaic'),
  AUTH_ACCESS_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(900),
  /** Comma-separated origins allowed to open cookie-authenticated WebSockets; unset allows any. */
  AUTH_WS_ALLOWED_ORIGINS: z.string().optional(),
  /** Comma-separated emails whose accounts are administrators: granted at start (existing accounts) and at registration. */
  AUTH_ADMIN_EMAILS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((email) => email.trim())
        .filter(Boolean),
    )
    .refine((emails) => emails.every((email) => parseEmail(email).ok), 'must be a comma-separated list of email addresses'),
  AUTH_PURGE_INTERVAL_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  /** Prefix of auth's Redis keys (attempt limits), so deployments or test runs sharing a server stay apart. */
  AUTH_REDIS_NAMESPACE: z.string().min(1).default('auth'),
};

export type AuthConfig = ReturnType<typeof loadAuthConfig>;

export function loadAuthConfig(env: NodeJS.ProcessEnv) {
  return loadConfig(authConfigShape, env);
}

import { loadConfig } from '@mosaic/kit-config';
import { z } from 'zod';

/** The shortener's own variables, on top of the server's (PORT, PUBLIC_URL, MYSQL_URL, REDIS_URL…). */
export const urlshortenerSettingsShape = {
  /** Links one client (signed-in user, else IP address) may create per minute. */
  URLSHORTENER_CREATE_LIMIT: z.coerce.number().int().positive().default(30),
  /** How often buffered click counts are stored, in ms. */
  URLSHORTENER_CLICK_FLUSH_MS: z.coerce.number().int().positive().default(1_000),
  /** Prefix of every Redis key the shortener writes (cache, counters, creation limits). */
  URLSHORTENER_REDIS_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9:_-]+$/)
    .default('urlshortener'),
};

export function loadUrlshortenerSettings(env: NodeJS.ProcessEnv) {
  return loadConfig(urlshortenerSettingsShape, env);
}

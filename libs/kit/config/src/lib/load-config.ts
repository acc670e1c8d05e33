import { z } from 'zod';
import { ConfigError } from './config-error';

type Env = Record<string, string | undefined>;

/** Validates the environment against a zod object whose keys are variable names. */
export function loadConfig<Shape extends z.ZodRawShape>(shape: Shape, env: Env = process.env): z.infer<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? '(root)'),
      message: issue.message,
    })),
  );
}

/**
 * Express `trust proxy` from its text form: `true`/`false`, a hop count, or addresses
 * and subnets ("loopback", "10.0.0.0/8, 127.0.0.1"). Unset: trust nothing.
 */
export function trustProxySetting(value: string | undefined): boolean | number | string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (text === 'true' || text === 'false') return text === 'true';
  return /^\d+$/.test(text) ? Number(text) : text;
}

const hostList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((host) => host.trim().toLowerCase())
      .filter(Boolean),
  )
  .refine(
    (hosts) => hosts.every((host) => /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(host)),
    'must be a comma-separated list of host names (optionally with :port)',
  )
  .transform((hosts) => (hosts.length > 0 ? hosts : undefined));

/** The variables every Mosaic server reads. */
export const serverShape = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Distinct per process sharing a database, so time-ordered ids never collide. */
  WORKER_ID: z.coerce.number().int().min(0).max(1023).default(0),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  /** Express `trust proxy`: behind it, X-Forwarded-Proto makes cookies Secure and X-Forwarded-For is the client address. */
  TRUST_PROXY: z.string().optional().transform(trustProxySetting),
  /** Hosts this server may call itself in links it builds when PUBLIC_URL is unset; default `allowedHostsOf`. */
  ALLOWED_HOSTS: hostList,
};

export type ServerConfig = z.infer<z.ZodObject<typeof serverShape>>;

export function loadServerConfig(env: Env = process.env): ServerConfig {
  return loadConfig(serverShape, env);
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The Host header values a server trusts when it has no PUBLIC_URL: ALLOWED_HOSTS, or
 * the host it listens on (unless a wildcard) and the loopback names.
 */
export function allowedHostsOf(config: Pick<ServerConfig, 'ALLOWED_HOSTS' | 'HOST'>): string[] {
  if (config.ALLOWED_HOSTS) return config.ALLOWED_HOSTS;
  const listening = config.HOST.toLowerCase();
  const own = WILDCARD_HOSTS.has(listening) ? [] : [listening.includes(':') && !listening.startsWith('[') ? `[${listening}]` : listening];
  return [...new Set([...own, 'localhost', '127.0.0.1', '[::1]'])];
}

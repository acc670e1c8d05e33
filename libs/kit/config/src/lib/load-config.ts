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
};

export type ServerConfig = z.infer<z.ZodObject<typeof serverShape>>;

export function loadServerConfig(env: Env = process.env): ServerConfig {
  return loadConfig(serverShape, env);
}

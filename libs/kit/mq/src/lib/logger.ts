/**
 * The few log calls kit-mq makes, shaped like pino's so an app passes its own logger
 * (fields first, message second).
 */
export interface MqLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Used when no logger is given: problems go to stderr, routine notices nowhere. */
export const consoleMqLogger: MqLogger = {
  info: () => undefined,
  warn: (fields, message) => console.warn(`[kit-mq] ${message}`, fields),
  error: (fields, message) => console.error(`[kit-mq] ${message}`, fields),
};

export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) return { error: error.message, errorName: error.name, stack: error.stack };
  return { error: String(error) };
}

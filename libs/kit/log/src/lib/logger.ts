import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentRequestContext } from './request-context';

export type { Logger } from 'pino';

export interface LoggerOptions {
  name: string;
  level?: string;
  /** Human-readable output; defaults to on for a terminal outside production. */
  pretty?: boolean;
  destination?: DestinationStream;
}

/**
 * Structured JSON logs. Each line gets the request id and trace id of the request
 * it belongs to, taken from the async context, so handlers never thread them by hand.
 */
export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.pretty ?? (process.stdout.isTTY === true && process.env.NODE_ENV !== 'production');
  const base = {
    name: options.name,
    level: options.level ?? 'info',
    mixin: contextFields,
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  };
  if (options.destination) return pino(base, options.destination);
  if (pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } });
  }
  return pino(base);
}

function contextFields(): Record<string, string> {
  const context = currentRequestContext();
  const span = trace.getActiveSpan()?.spanContext();
  const traceId = span && span.traceId !== '00000000000000000000000000000000' ? span.traceId : context?.traceId;
  if (!context && !traceId) return {};
  return { ...(context ? { requestId: context.requestId } : {}), ...(traceId ? { traceId } : {}) };
}

import { backendUnavailable, isAppError } from '@mosaic/kit-core';
import type { Redis } from 'ioredis';

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// What ioredis says when it has no connection to send on, or no answer came in time.
const CONNECTION_MESSAGES = ["Stream isn't writeable", 'Connection is closed', 'Command timed out', 'Reached the max retries per request limit'];

/** Whether an ioredis failure means "Redis cannot be reached", not an error reply to the command. */
export function isRedisConnectionError(error: unknown): boolean {
  if (!(error instanceof Error) || isAppError(error) || error.name === 'ReplyError') return false;
  const { code } = error as NodeJS.ErrnoException;
  return (
    (code !== undefined && CONNECTION_CODES.has(code)) ||
    error.name === 'MaxRetriesPerRequestError' ||
    CONNECTION_MESSAGES.some((text) => error.message.includes(text))
  );
}

/**
 * The client every adapter receives: the same ioredis client, except that a command
 * Redis cannot answer (no connection, or no reply within the command timeout) fails
 * with kit-core's `backend_unavailable` (a 503 with Retry-After). Error replies, such
 * as NOSCRIPT, stay as they are. Only promises are touched: pipelines, events and
 * options pass straight through.
 */
export function guardRedis(client: Redis): Redis {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let guarded = wrapped.get(property);
      if (guarded === undefined || (guarded as { original?: unknown }).original !== value) {
        guarded = Object.assign(
          (...args: unknown[]) => {
            const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
            return result instanceof Promise ? result.catch(rethrowMapped) : result;
          },
          { original: value },
        );
        wrapped.set(property, guarded);
      }
      return guarded;
    },
  });
}

function rethrowMapped(error: unknown): never {
  throw isRedisConnectionError(error) ? backendUnavailable('Redis', error) : error;
}

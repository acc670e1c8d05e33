import { invalid } from '@mosaic/kit-core';
import type { z } from 'zod';

export type RequestPart = 'body' | 'query' | 'params' | 'headers';

/**
 * Parses one part of a request with a zod schema; a mismatch is a 400 whose
 * details name every offending field path (`body.url`, `query.limit`).
 */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, value: unknown, part: RequestPart = 'body'): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const first = details[0];
  throw invalid('validation_failed', first ? `Invalid ${first.path}: ${first.message}` : `Invalid request ${part}`, { details });
}

import { describe, expect, it } from 'vitest';
import { AppError, conflict, httpStatusOf, invalid, isAppError, rateLimited } from './app-error';

describe('AppError', () => {
  it('maps kinds to HTTP statuses', () => {
    expect(httpStatusOf('invalid')).toBe(400);
    expect(httpStatusOf('unauthorized')).toBe(401);
    expect(httpStatusOf('not_found')).toBe(404);
    expect(httpStatusOf('conflict')).toBe(409);
    expect(httpStatusOf('too_large')).toBe(413);
    expect(httpStatusOf('rate_limited')).toBe(429);
  });

  it('serialises to the error body shape with details only when present', () => {
    expect(conflict('alias_taken', 'taken').toJSON()).toEqual({ code: 'alias_taken', message: 'taken' });
    expect(invalid('bad', 'bad input', { details: [{ path: 'url', message: 'required' }] }).toJSON()).toEqual({
      code: 'bad',
      message: 'bad input',
      details: [{ path: 'url', message: 'required' }],
    });
  });

  it('keeps retry hints and causes', () => {
    const cause = new Error('root');
    const error = new AppError('unavailable', 'db_down', 'try later', { cause, retryAfterSeconds: 5 });
    expect(error.cause).toBe(cause);
    expect(error.retryAfterSeconds).toBe(5);
    expect(rateLimited('slow down', 7).status).toBe(429);
    expect(isAppError(error)).toBe(true);
    expect(isAppError(new Error('x'))).toBe(false);
  });
});

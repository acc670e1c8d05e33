import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from './api-error';
import { describeError } from './error-messages';

const apiError = (status: number, code: string, message = 'server message', details: { path: string; message: string }[] = [], retryAfter?: number) =>
  new ApiError(status, code, message, details, retryAfter);

describe('describeError', () => {
  it.each([
    [401, 'invalid_credentials', 'Email or password is incorrect.'],
    [409, 'email_taken', 'An account with this email already exists. Sign in instead?'],
    [401, 'refresh_token_reused', 'For your safety this session was ended. Please sign in again.'],
    [403, 'deposits_forbidden', 'Deposits are made by an administrator on this server (or in test mode).'],
    [422, 'insufficient_funds', 'The balance is too low for that amount.'],
  ])('says %i %s in words', (status, code, sentence) => {
    expect(describeError(apiError(status, code))).toBe(sentence);
  });

  it('names each invalid field', () => {
    const error = apiError(400, 'validation_failed', 'Invalid body.email', [
      { path: 'body.email', message: 'must be an email address' },
      { path: 'body.password', message: 'must be at least 8 characters' },
    ]);
    expect(describeError(error)).toBe('Email must be an email address; Password must be at least 8 characters');
  });

  it('says when to try again after a limit or an outage', () => {
    expect(describeError(apiError(429, 'rate_limited', 'Too many attempts', [], 30))).toBe('Too many attempts. Try again in 30 s.');
    expect(describeError(apiError(503, 'backend_unavailable', 'down', [], 5))).toBe('The service is briefly unavailable. Try again in 5 s.');
  });

  it("falls back to the server's own message for codes it does not know, and explains no connection", () => {
    expect(describeError(apiError(409, 'alias_taken', 'That alias is taken'))).toBe('That alias is taken');
    expect(describeError(new NetworkError())).toBe('Could not reach the server. Check the connection and try again.');
    expect(describeError(new TypeError('x'))).toBe('Something went wrong. Reload the page and try again.');
  });
});

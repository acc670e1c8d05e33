import { ApiError, NetworkError } from './api-error';

/**
 * What to tell a person for each code the APIs answer with. Codes not listed here
 * show the server's own message, which every Mosaic error carries in plain words.
 */
const MESSAGES: Record<string, string> = {
  invalid_credentials: 'Email or password is incorrect.',
  email_taken: 'An account with this email already exists. Sign in instead?',
  unauthenticated: 'Please sign in first.',
  invalid_token: 'Your session is no longer valid. Please sign in again.',
  token_expired: 'Your session has expired. Please sign in again.',
  invalid_refresh_token: 'Your session is no longer valid. Please sign in again.',
  refresh_token_expired: 'Your session has expired. Please sign in again.',
  refresh_token_revoked: 'This session was signed out. Please sign in again.',
  refresh_token_reused: 'For your safety this session was ended. Please sign in again.',
  user_not_found: 'This account no longer exists.',
  malformed_json: 'The request could not be read. Reload the page and try again.',
  payload_too_large: 'That is too much text for one request.',
  backend_unavailable: 'The service is briefly unavailable.',
  route_not_found: 'This feature is not available on this server.',
  forbidden: 'You are not allowed to do that.',
  deposits_forbidden: 'Deposits are made by an administrator on this server (or in test mode).',
  insufficient_funds: 'The balance is too low for that amount.',
  insufficient_points: 'Not enough points for that.',
  same_account: 'Choose two different accounts.',
  currency_mismatch: 'Both accounts must use the same currency.',
  account_not_found: 'That account does not exist or is not yours.',
  points_not_found: 'Open a points account first.',
  unsupported_currency: 'That currency is not supported.',
  idempotency_key_reused: 'This submission was already used for a different request. Submit again.',
  idempotency_key_in_use: 'That request is still being processed. Wait a moment and try again.',
  concurrent_modification: 'Someone else changed this at the same moment. Try again.',
  amount_too_large: 'That amount is too large.',
  balance_limit_exceeded: 'That would take the balance over its limit.',
  points_limit_exceeded: 'That would take the points over their limit.',
};

/** One sentence for any failure: an API error, no connection, or a bug. */
export function describeError(error: unknown): string {
  if (error instanceof NetworkError) return error.message;
  if (!(error instanceof ApiError)) return 'Something went wrong. Reload the page and try again.';
  const wait = error.retryAfter ? ` Try again in ${error.retryAfter} s.` : ' Try again shortly.';
  if (error.code === 'rate_limited' || error.status === 429) return `Too many attempts.${error.retryAfter ? wait : ' Try again later.'}`;
  if (error.code === 'backend_unavailable' || error.status === 503) return `${MESSAGES.backend_unavailable}${wait}`;
  if (error.code === 'validation_failed' && error.details.length > 0) {
    return error.details.map((d) => `${fieldName(d.path)} ${d.message}`).join('; ');
  }
  return MESSAGES[error.code] ?? error.message;
}

/** The field a detail's path names: "body.email" → "email". */
export function fieldOf(path: string): string {
  return path.split('.').slice(1).join('.') || path;
}

function fieldName(path: string): string {
  const field = fieldOf(path);
  return field.charAt(0).toUpperCase() + field.slice(1);
}

/**
 * What went wrong, in terms a transport can map without knowing the domain.
 * Domains raise errors with a stable `code` and one of these kinds; kit-http turns
 * the kind into a status, so no domain ever imports an HTTP concept.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export function httpStatusOf(kind: ErrorKind): number {
  return STATUS_BY_KIND[kind];
}

export interface ErrorDetail {
  path?: string;
  message: string;
  [key: string]: unknown;
}

export interface AppErrorOptions {
  details?: ErrorDetail[] | Record<string, unknown>;
  cause?: unknown;
  /** Seconds a client should wait before retrying (rate limits, unavailability). */
  retryAfterSeconds?: number;
}

export class AppError extends Error {
  readonly details?: AppErrorOptions['details'];
  readonly retryAfterSeconds?: number;

  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return httpStatusOf(this.kind);
  }

  toJSON(): { code: string; message: string; details?: AppErrorOptions['details'] } {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Shorthands for the kinds every layer raises; domains add their own codes. */
export const invalid = (code: string, message: string, options?: AppErrorOptions) => new AppError('invalid', code, message, options);
export const notFound = (code: string, message: string, options?: AppErrorOptions) => new AppError('not_found', code, message, options);
export const conflict = (code: string, message: string, options?: AppErrorOptions) => new AppError('conflict', code, message, options);
export const unauthorized = (code: string, message: string, options?: AppErrorOptions) => new AppError('unauthorized', code, message, options);
export const forbidden = (code: string, message: string, options?: AppErrorOptions) => new AppError('forbidden', code, message, options);
export const unprocessable = (code: string, message: string, options?: AppErrorOptions) => new AppError('unprocessable', code, message, options);
export const rateLimited = (message: string, retryAfterSeconds: number) => new AppError('rate_limited', 'rate_limited', message, { retryAfterSeconds });

/** How long clients are asked to wait while a backend is down: reconnects take a few seconds. */
export const BACKEND_RETRY_AFTER_SECONDS = 5;

/**
 * A backend (database, cache, broker) cannot be reached: a 503 with Retry-After and
 * the code `backend_unavailable`, never a 500. Adapters raise it for connection
 * failures only; errors in what was asked stay what they are.
 */
export const backendUnavailable = (backend: string, cause?: unknown) =>
  new AppError('unavailable', 'backend_unavailable', `${backend} is unavailable; retry shortly`, { cause, retryAfterSeconds: BACKEND_RETRY_AFTER_SECONDS });

export function isBackendUnavailable(error: unknown): boolean {
  return error instanceof AppError && error.code === 'backend_unavailable';
}

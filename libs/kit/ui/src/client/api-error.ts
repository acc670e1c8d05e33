/** A problem answer from a Mosaic API: `{ "error": { "code", "message", "details"? } }`. */
export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    /** Seconds, from Retry-After on 429 and 503. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Raised when no answer came at all (offline, server down, connection reset). */
export class NetworkError extends Error {
  constructor() {
    super('Could not reach the server. Check the connection and try again.');
    this.name = 'NetworkError';
  }
}

/** Reads a failed response into an ApiError, whatever its body holds. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const payload = (await response.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null;
  const error = payload?.error;
  const retryAfter = Number(response.headers.get('Retry-After') ?? '') || undefined;
  const details = Array.isArray(error?.details)
    ? (error.details as unknown[]).flatMap((d) =>
        d && typeof d === 'object' && typeof (d as ErrorDetail).message === 'string'
          ? [{ path: String((d as ErrorDetail).path ?? ''), message: (d as ErrorDetail).message }]
          : [],
      )
    : [];
  return new ApiError(
    response.status,
    typeof error?.code === 'string' ? error.code : `http_${response.status}`,
    typeof error?.message === 'string' ? error.message : `The server answered ${response.status}`,
    details,
    retryAfter,
  );
}

import { AppError } from '@mosaic/kit-core';

/** The queue cannot take or give messages right now; callers map it to 503 and retry later. */
export function mqUnavailable(code: string, message: string, cause?: unknown): AppError {
  return new AppError('unavailable', code, message, cause === undefined ? {} : { cause });
}

export function mqClosed(what: string): AppError {
  return mqUnavailable('mq_closed', `${what} is closed`);
}

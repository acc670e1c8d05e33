/**
 * A timeout on a backend's reply that does not misfire after the event loop stalled.
 * When a starved or busy process resumes past the deadline, the timer and the reply are
 * both due, and timers run before the poll phase reads sockets: a reply that arrived in
 * time would be failed as late (a 503 for work the backend did). This timer waits one
 * more turn of the loop (`setImmediate` runs after the poll phase) before `onTimeout`, so
 * only a reply still missing then times out. Returns the cancel function, for when the
 * reply comes first.
 */
export function armReplyTimeout(ms: number, onTimeout: () => void): () => void {
  let immediate: ReturnType<typeof setImmediate> | undefined;
  const timer = setTimeout(() => {
    immediate = setImmediate(onTimeout);
  }, ms);
  return () => {
    clearTimeout(timer);
    if (immediate !== undefined) clearImmediate(immediate);
  };
}

/** `promise`, unless it is still pending `ms` later (see armReplyTimeout): then it fails with `timeoutError()`. */
export async function withReplyTimeout<T>(promise: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  let cancel: (() => void) | undefined;
  const timeout = new Promise<never>((_, reject) => {
    cancel = armReplyTimeout(ms, () => reject(timeoutError()));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    cancel?.();
  }
}

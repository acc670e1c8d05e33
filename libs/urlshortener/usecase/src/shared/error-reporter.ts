/**
 * Where a use case reports a failure it deliberately survives (a cache write, a
 * background flush) instead of failing the caller. Apps pass one that logs.
 */
export type ErrorReporter = (error: unknown, context: string) => void;

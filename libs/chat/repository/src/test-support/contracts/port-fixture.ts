import { afterEach, beforeEach } from 'vitest';

/** How a contract suite gets a fresh port per test, and gives it back. */
export interface PortFactory<T> {
  readonly name: string;
  open(): Promise<{ port: T; close(): Promise<void> }>;
}

/** A fresh port per test: call the returned getter inside tests. */
export function usePort<T>(factory: PortFactory<T>): () => T {
  let current: { port: T; close(): Promise<void> } | undefined;
  beforeEach(async () => {
    current = await factory.open();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('the port is only available inside a test');
    return current.port;
  };
}

let counter = 0;
/** Ids unique within a run, time-ordered enough for tests. */
export const nextId = () => String(BigInt(Date.now()) * 10_000n + BigInt(++counter % 10_000));

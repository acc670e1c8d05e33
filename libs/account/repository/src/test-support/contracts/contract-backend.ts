import { afterAll, beforeAll } from 'vitest';
import type { AccountAdapters } from '../../create-account-adapters';

/**
 * A backend under contract: `setUp` runs once per suite and returns adapters over empty
 * storage; tests create their own uniquely-identified data, so they share it safely.
 */
export interface ContractBackend {
  readonly name: string;
  setUp(): Promise<AccountAdapters>;
  tearDown(): Promise<void>;
}

/** Sets the backend up around the calling describe block; the getter is valid inside tests. */
export function useBackend(backend: ContractBackend): () => AccountAdapters {
  let adapters: AccountAdapters | undefined;
  beforeAll(async () => {
    adapters = await backend.setUp();
  });
  afterAll(async () => {
    await backend.tearDown();
  });
  return () => {
    if (!adapters) throw new Error(`${backend.name}: adapters are not set up yet`);
    return adapters;
  };
}

import { allAccountContracts } from '../test-support/contracts/all-contracts';
import { createAccountAdapters, type AccountAdapters } from '../create-account-adapters';

let adapters: AccountAdapters | undefined;

allAccountContracts({
  name: 'memory',
  setUp: async () => (adapters = createAccountAdapters()),
  tearDown: async () => {
    for (const resource of adapters?.resources ?? []) await resource.close();
  },
});

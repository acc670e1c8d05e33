import { accountRepositoryContract } from './account-repository.contract';
import type { ContractBackend } from './contract-backend';
import { idempotencyStoreContract } from './idempotency-store.contract';
import { ledgerRepositoryContract } from './ledger-repository.contract';
import { outboxContract } from './outbox.contract';
import { pointsRepositoryContract } from './points-repository.contract';
import { processedEventsContract } from './processed-events.contract';
import { unitOfWorkContract } from './unit-of-work.contract';

/** Every port's contract suite, against one backend. */
export function allAccountContracts(backend: ContractBackend): void {
  accountRepositoryContract(backend);
  pointsRepositoryContract(backend);
  ledgerRepositoryContract(backend);
  idempotencyStoreContract(backend);
  unitOfWorkContract(backend);
  outboxContract(backend);
  processedEventsContract(backend);
}

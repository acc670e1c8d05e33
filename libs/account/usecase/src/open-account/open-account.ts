import { Account, Address, currencyOf } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { withOptimisticRetry } from '../shared/optimistic-retry';
import { saveRecording } from '../shared/save-recording';

export interface OpenAccountCommand {
  readonly actor: Actor;
  readonly currency: unknown;
  /** Optional at opening; set or replaced later with ChangeAddress. */
  readonly address?: unknown;
}

/** Opens an empty account in a supported currency for the caller. */
export class OpenAccount {
  constructor(private readonly deps: AccountDeps) {}

  async execute(command: OpenAccountCommand): Promise<Account> {
    const currency = currencyOf(command.currency);
    const address = command.address === undefined || command.address === null ? null : Address.of(command.address);
    return withOptimisticRetry(
      'open-account',
      () =>
        this.deps.unitOfWork.run(async (tx) => {
          const now = this.deps.clock.now();
          const id = this.deps.ids.next();
          const account = Account.open({ id, ownerId: command.actor.userId, currency, address, now }, { id: this.deps.ids.next(), at: now });
          await saveRecording(tx, { accounts: [account] });
          return account;
        }),
      this.deps.retry,
    );
  }
}

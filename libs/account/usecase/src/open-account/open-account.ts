import { Account, accountOpened, Address, currencyOf } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { withOptimisticRetry } from '../shared/optimistic-retry';

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
          const account = Account.open({ id: this.deps.ids.next(), ownerId: command.actor.userId, currency, address, now });
          await tx.accounts.save(account);
          await tx.outbox.add([accountOpened({ id: this.deps.ids.next(), at: now }, account)]);
          return account;
        }),
      this.deps.retry,
    );
  }
}

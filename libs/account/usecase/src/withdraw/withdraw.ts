import { canonicalDecimal, parseAmount } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { fingerprintOf, runIdempotently, type Idempotent } from '../shared/idempotency';
import { ownedAccount } from '../shared/ownership';
import { receiptCodec } from '../shared/receipt-codec';
import { saveRecording } from '../shared/save-recording';

export interface WithdrawCommand {
  readonly actor: Actor;
  readonly accountId: string;
  readonly amount: unknown;
  /** The account's own card the money goes to; it must be enabled. */
  readonly cardNumber: string;
  readonly idempotencyKey?: string;
}

export interface WithdrawalReceipt {
  readonly withdrawalId: string;
  readonly accountId: string;
  readonly amount: bigint;
  readonly currency: string;
  readonly cardNumber: string;
  readonly balanceAfter: bigint;
  readonly createdAt: Date;
}

const codec = receiptCodec<WithdrawalReceipt>({ bigints: ['amount', 'balanceAfter'], dates: ['createdAt'] });

/** Money leaving the system to one of the owner's enabled cards. */
export class Withdraw {
  constructor(private readonly deps: AccountDeps) {}

  async execute(command: WithdrawCommand): Promise<Idempotent<WithdrawalReceipt>> {
    const fingerprint = fingerprintOf('withdraw', command.accountId, canonicalDecimal(command.amount), command.cardNumber);
    return runIdempotently(this.deps, 'withdraw', { actor: command.actor, key: command.idempotencyKey, fingerprint }, codec, async (tx) => {
      const account = await ownedAccount(tx.accounts, command.accountId, command.actor);
      const amount = parseAmount(command.amount, account.currency);
      const withdrawalId = this.deps.ids.next();
      const at = this.deps.clock.now();
      const posting = { entryId: this.deps.ids.next(), kind: 'withdrawal', reference: withdrawalId, at } as const;
      account.withdrawToCard(command.cardNumber, amount, posting, { id: this.deps.ids.next(), at });
      await saveRecording(tx, { accounts: [account] });
      return {
        withdrawalId,
        accountId: account.id,
        amount,
        currency: account.currency.code,
        cardNumber: command.cardNumber,
        balanceAfter: account.balance,
        createdAt: at,
      };
    });
  }
}

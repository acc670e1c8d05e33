import { accountNotFound, canonicalDecimal, depositsForbidden, parseAmount } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import { isAdmin, type Actor } from '../shared/actor';
import { fingerprintOf, runIdempotently, type Idempotent } from '../shared/idempotency';
import { receiptCodec } from '../shared/receipt-codec';
import { saveRecording } from '../shared/save-recording';

export interface DepositCommand {
  readonly actor: Actor;
  readonly accountId: string;
  readonly amount: unknown;
  /** When given, the money comes from this card of the account, which must be enabled. */
  readonly cardNumber?: string;
  readonly idempotencyKey?: string;
  /** Test mode (set by the app from its configuration): owners may deposit into their own accounts. */
  readonly testMode?: boolean;
}

export interface DepositReceipt {
  readonly depositId: string;
  readonly accountId: string;
  readonly amount: bigint;
  readonly currency: string;
  readonly balanceAfter: bigint;
  readonly createdAt: Date;
}

const codec = receiptCodec<DepositReceipt>({ bigints: ['amount', 'balanceAfter'], dates: ['createdAt'] });

/**
 * Money entering the system. Admins may credit any account; in test mode (money from
 * nowhere, for demos and tests) owners may credit their own; nobody else may. Deposits are the only source of money, so the
 * sum of all balances is always deposits minus withdrawals and purchases.
 */
export class Deposit {
  constructor(private readonly deps: AccountDeps) {}

  async execute(command: DepositCommand): Promise<Idempotent<DepositReceipt>> {
    const admin = isAdmin(command.actor);
    if (!admin && !command.testMode) throw depositsForbidden();
    const fingerprint = fingerprintOf('deposit', command.accountId, canonicalDecimal(command.amount), command.cardNumber ?? '');
    return runIdempotently(this.deps, 'deposit', { actor: command.actor, key: command.idempotencyKey, fingerprint }, codec, async (tx) => {
      const account = await tx.accounts.findById(command.accountId);
      if (!account || !(admin || account.isOwnedBy(command.actor.userId))) throw accountNotFound(command.accountId);
      const amount = parseAmount(command.amount, account.currency);
      const depositId = this.deps.ids.next();
      const at = this.deps.clock.now();
      const posting = { entryId: this.deps.ids.next(), kind: 'deposit', reference: depositId, at } as const;
      account.deposit(amount, posting, { id: this.deps.ids.next(), at }, command.cardNumber);
      await saveRecording(tx, { accounts: [account] });
      return { depositId, accountId: account.id, amount, currency: account.currency.code, balanceAfter: account.balance, createdAt: at };
    });
  }
}

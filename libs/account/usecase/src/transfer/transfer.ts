import { accountNotFound, canonicalDecimal, parseAmount, sameAccount, transferFunds, type Account } from '@mosaic/account-domain';
import { isAppError } from '@mosaic/kit-core';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { assertIdempotencyKey, fingerprintOf, runIdempotently, type Idempotent } from '../shared/idempotency';
import { loadInLockOrder } from '../shared/lock-order';
import { receiptCodec } from '../shared/receipt-codec';
import { saveRecording } from '../shared/save-recording';

export interface TransferCommand {
  readonly actor: Actor;
  readonly fromAccountId: string;
  readonly toAccountId: string;
  readonly amount: unknown;
  /** Required: a client that retries a transfer must never move the money twice. */
  readonly idempotencyKey: string;
}

export interface TransferReceipt {
  readonly transferId: string;
  readonly fromAccountId: string;
  readonly toAccountId: string;
  readonly amount: bigint;
  readonly currency: string;
  readonly createdAt: Date;
}

const codec = receiptCodec<TransferReceipt>({ bigints: ['amount'], dates: ['createdAt'] });

/**
 * Moves money from one of the caller's accounts to any account of the same currency,
 * once per Idempotency-Key: both balances, both ledger entries, the event and the key
 * commit in one unit of work.
 */
export class Transfer {
  constructor(private readonly deps: AccountDeps) {}

  async execute(command: TransferCommand): Promise<Idempotent<TransferReceipt>> {
    assertIdempotencyKey(command.idempotencyKey);
    if (command.fromAccountId === command.toAccountId) throw sameAccount();
    const fingerprint = fingerprintOf('transfer', command.fromAccountId, command.toAccountId, canonicalDecimal(command.amount));
    return runIdempotently(this.deps, 'transfer', { actor: command.actor, key: command.idempotencyKey, fingerprint }, codec, async (tx) => {
      const loaded = await loadInLockOrder(tx.accounts, [command.fromAccountId, command.toAccountId]);
      const from = loaded.get(command.fromAccountId);
      if (!from || !from.isOwnedBy(command.actor.userId)) throw accountNotFound(command.fromAccountId);
      const amount = parseAmount(command.amount, from.currency);
      const to = loaded.get(command.toAccountId);
      if (!to) throw accountNotFound(command.toAccountId);
      const transferId = this.deps.ids.next();
      const at = this.deps.clock.now();
      try {
        transferFunds({ from, to, amount, transferId, entryIds: [this.deps.ids.next(), this.deps.ids.next()], at, eventId: this.deps.ids.next() });
      } catch (error) {
        throw hideRecipient(error, to, command.actor.userId);
      }
      await saveRecording(tx, { accounts: [from, to] });
      return { transferId, fromAccountId: from.id, toAccountId: to.id, amount, currency: from.currency.code, createdAt: at };
    });
  }
}

/** Refusals that come from the recipient's state (its currency, its balance cap), not the sender's. */
const RECIPIENT_REFUSALS = new Set(['currency_mismatch', 'balance_limit_exceeded']);

/**
 * No existence oracle: to a caller who does not own the recipient, an account that
 * exists but cannot receive the money answers exactly like one that does not exist
 * (same status, code, message and details, raised before anything is written), so
 * ids cannot be probed by their currency or balance. The recipient's owner still
 * learns the precise reason.
 */
function hideRecipient(error: unknown, to: Account, callerId: string): unknown {
  if (to.isOwnedBy(callerId) || !isAppError(error) || !RECIPIENT_REFUSALS.has(error.code)) return error;
  return accountNotFound(to.id);
}

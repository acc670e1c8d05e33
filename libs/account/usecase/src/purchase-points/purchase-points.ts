import { canonicalDecimal, parseAmount } from '@mosaic/account-domain';
import type { AccountDeps } from '../shared/account-deps';
import type { Actor } from '../shared/actor';
import { fingerprintOf, runIdempotently, type Idempotent } from '../shared/idempotency';
import { ownedAccount, ownedPoints } from '../shared/ownership';
import { receiptCodec } from '../shared/receipt-codec';
import { saveRecording } from '../shared/save-recording';

export interface PurchasePointsCommand {
  readonly actor: Actor;
  readonly accountId: string;
  readonly pointsId: string;
  readonly amount: unknown;
  readonly idempotencyKey?: string;
}

export interface PurchaseReceipt {
  readonly purchaseId: string;
  readonly accountId: string;
  readonly pointsId: string;
  readonly paid: bigint;
  readonly currency: string;
  readonly points: bigint;
  readonly createdAt: Date;
}

const codec = receiptCodec<PurchaseReceipt>({ bigints: ['paid', 'points'], dates: ['createdAt'] });

/**
 * Buys points with money: the seed's cross-aggregate purchase. The account is debited
 * and the points credited in one unit of work, with the ledger entry and the event,
 * so there is never money paid without points or points without money.
 */
export class PurchasePoints {
  constructor(private readonly deps: AccountDeps) {}

  async execute(command: PurchasePointsCommand): Promise<Idempotent<PurchaseReceipt>> {
    const fingerprint = fingerprintOf('purchase-points', command.accountId, command.pointsId, canonicalDecimal(command.amount));
    return runIdempotently(this.deps, 'purchase-points', { actor: command.actor, key: command.idempotencyKey, fingerprint }, codec, async (tx) => {
      const account = await ownedAccount(tx.accounts, command.accountId, command.actor);
      const points = await ownedPoints(tx.points, command.pointsId, command.actor);
      const paid = parseAmount(command.amount, account.currency);
      const purchaseId = this.deps.ids.next();
      const at = this.deps.clock.now();
      const posting = { entryId: this.deps.ids.next(), kind: 'points_purchase', reference: purchaseId, at } as const;
      const bought = points.buyWith(account, paid, posting, { id: this.deps.ids.next(), at });
      await saveRecording(tx, { accounts: [account], points: [points] });
      return { purchaseId, accountId: account.id, pointsId: points.id, paid, currency: account.currency.code, points: bought, createdAt: at };
    });
  }
}

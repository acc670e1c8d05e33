import { currencyOf, formatAmount, type Account, type LedgerPage, type Points } from '@mosaic/account-domain';
import type { DepositReceipt, PurchaseReceipt, TransferReceipt, WithdrawalReceipt } from '@mosaic/account-usecase';

/** Response bodies: money as decimal strings at the currency's scale, times as ISO text. */
export function accountJson(account: Account) {
  return {
    id: account.id,
    ownerId: account.ownerId,
    currency: account.currency.code,
    balance: formatAmount(account.balance, account.currency),
    address: account.address?.toJSON() ?? null,
    cards: account.cards.map((card) => ({ number: card.number, bankName: card.bankName, enabled: card.enabled, addedAt: card.addedAt.toISOString() })),
    version: account.version,
    createdAt: account.createdAt.toISOString(),
  };
}

export function statementJson(account: Account, page: LedgerPage) {
  return {
    accountId: account.id,
    currency: account.currency.code,
    entries: page.entries.map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      amount: formatAmount(entry.amount, account.currency),
      balanceAfter: formatAmount(entry.balanceAfter, account.currency),
      reference: entry.reference,
      counterpartyAccountId: entry.counterpartyAccountId,
      createdAt: entry.createdAt.toISOString(),
    })),
    nextCursor: page.nextCursor,
  };
}

export function pointsJson(points: Points) {
  return { id: points.id, ownerId: points.ownerId, points: points.points.toString(), version: points.version, createdAt: points.createdAt.toISOString() };
}

const money = (units: bigint, currency: string) => formatAmount(units, currencyOf(currency));

export function depositJson(receipt: DepositReceipt) {
  return {
    depositId: receipt.depositId,
    accountId: receipt.accountId,
    amount: money(receipt.amount, receipt.currency),
    currency: receipt.currency,
    balanceAfter: money(receipt.balanceAfter, receipt.currency),
    createdAt: receipt.createdAt.toISOString(),
  };
}

export function withdrawalJson(receipt: WithdrawalReceipt) {
  return {
    withdrawalId: receipt.withdrawalId,
    accountId: receipt.accountId,
    amount: money(receipt.amount, receipt.currency),
    currency: receipt.currency,
    cardNumber: receipt.cardNumber,
    balanceAfter: money(receipt.balanceAfter, receipt.currency),
    createdAt: receipt.createdAt.toISOString(),
  };
}

export function transferJson(receipt: TransferReceipt) {
  return {
    transferId: receipt.transferId,
    from: receipt.fromAccountId,
    to: receipt.toAccountId,
    amount: money(receipt.amount, receipt.currency),
    currency: receipt.currency,
    createdAt: receipt.createdAt.toISOString(),
  };
}

export function purchaseJson(receipt: PurchaseReceipt) {
  return {
    purchaseId: receipt.purchaseId,
    accountId: receipt.accountId,
    pointsId: receipt.pointsId,
    paid: money(receipt.paid, receipt.currency),
    currency: receipt.currency,
    points: receipt.points.toString(),
    createdAt: receipt.createdAt.toISOString(),
  };
}

import { forbidden, invalid, parseDecimal } from '@mosaic/kit-core';
import { decimalInput } from '../shared/decimals';
import type { FundsView } from '../shared/pipeline/feed-messages';
import type { ExchangePipeline } from '../shared/pipeline/exchange-pipeline';
import { acceptedOrThrow } from '../shared/rejections';

export interface TransferFundsInput {
  /** Who asks. */
  caller: { id: string; roles: readonly string[] };
  /** Whose balance; the caller's own when absent. */
  userId?: string;
  currency: string;
  amount: unknown;
  direction: 'deposit' | 'withdraw';
}

/**
 * Deposits and withdrawals are journal commands like any other. An admin may
 * move any user's funds; with self-service on (test mode) a user may move their
 * own.
 */
export class TransferFunds {
  constructor(
    private readonly pipeline: ExchangePipeline,
    private readonly selfService: boolean,
  ) {}

  async execute(input: TransferFundsInput): Promise<FundsView> {
    const admin = input.caller.roles.includes('admin');
    const userId = input.userId ?? input.caller.id;
    if (!admin && !(this.selfService && userId === input.caller.id)) {
      throw forbidden('transfers_forbidden', 'Only an admin may deposit or withdraw funds');
    }
    const scale = this.pipeline.scaleOf(input.currency);
    if (scale === undefined)
      throw invalid('unknown_currency', `Unknown currency ${input.currency}`, { details: [{ path: 'currency', message: 'not traded here' }] });
    const amount = parseDecimal(decimalInput(input.amount, 'amount'), scale, { field: 'amount', allowZero: false });
    const submission = await this.pipeline.submit({ type: input.direction, userId, currency: input.currency, amount });
    acceptedOrThrow(submission.result);
    const balance = this.pipeline.queries.balance(userId, input.currency);
    return this.pipeline.formatFunds(input.currency, balance.available, balance.hold);
  }
}

import { AppError, invalid, notFound, unprocessable } from '@mosaic/kit-core';
import type { CommandResult, RejectedResult } from '@mosaic/exchange-domain';

/** An engine rejection as the error the client sees: the reason is the code. Nothing changed. */
export function rejectionError(result: RejectedResult): AppError {
  switch (result.reason) {
    case 'order_not_found':
      return notFound(result.reason, result.message);
    case 'unknown_product':
    case 'unknown_currency':
    case 'invalid_order':
    case 'invalid_amount':
      return invalid(result.reason, result.message);
    default:
      return unprocessable(result.reason, result.message);
  }
}

/** The accepted result, or the rejection thrown as an AppError. */
export function acceptedOrThrow(result: CommandResult | undefined): Extract<CommandResult, { accepted: true }> {
  if (result === undefined)
    throw new AppError('unavailable', 'result_unavailable', 'The command was applied but its outcome is no longer at hand', { retryAfterSeconds: 1 });
  if (!result.accepted) throw rejectionError(result);
  return result;
}

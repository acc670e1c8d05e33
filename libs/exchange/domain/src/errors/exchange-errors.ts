/** Why the engine refused a command. A rejected command changes nothing. */
export type RejectReason =
  /** A malformed command (unknown type, a field of the wrong type or out of range). */
  | 'invalid_command'
  | 'unknown_product'
  | 'unknown_currency'
  | 'invalid_product'
  | 'product_immutable'
  | 'currency_scale_mismatch'
  | 'invalid_order'
  | 'invalid_amount'
  | 'size_too_small'
  | 'size_too_large'
  | 'funds_too_small'
  | 'funds_too_large'
  | 'insufficient_funds'
  | 'post_only_would_take'
  | 'fok_not_fillable'
  | 'order_not_found';

/** Thrown when a record is not the next in sequence: applying it would fork the state. */
export class SequenceError extends Error {
  constructor(
    readonly expected: number,
    readonly received: number,
  ) {
    super(`engine expected command ${expected}, received ${received}`);
    this.name = 'SequenceError';
  }
}

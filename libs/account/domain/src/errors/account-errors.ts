import { AppError, conflict, forbidden, invalid, notFound, unprocessable, type ErrorDetail } from '@mosaic/kit-core';

/**
 * Every error the account domain raises, by code. Codes are the contract with
 * clients: they never change meaning. Kinds map to statuses in kit-http.
 */
export const ACCOUNT_ERROR_CODES = [
  'account_not_found',
  'points_not_found',
  'insufficient_funds',
  'insufficient_points',
  'currency_mismatch',
  'same_account',
  'unsupported_currency',
  'invalid_address',
  'invalid_card_number',
  'invalid_bank_name',
  'card_exists',
  'card_not_found',
  'card_disabled',
  'card_limit_reached',
  'amount_too_large',
  'balance_limit_exceeded',
  'points_limit_exceeded',
  'concurrent_modification',
  'idempotency_key_reused',
  'deposits_forbidden',
] as const;

export type AccountErrorCode = (typeof ACCOUNT_ERROR_CODES)[number];

/** Foreign accounts answer exactly like missing ones, so ids cannot be probed for existence. */
export const accountNotFound = (id: string) => notFound('account_not_found', `Account ${id} not found`, { details: { accountId: id } });

export const pointsNotFound = (id: string) => notFound('points_not_found', `Points ${id} not found`, { details: { pointsId: id } });

export const insufficientFunds = (accountId: string) =>
  unprocessable('insufficient_funds', `Account ${accountId} has insufficient funds`, { details: { accountId } });

export const insufficientPoints = (pointsId: string) =>
  unprocessable('insufficient_points', `Points ${pointsId} has too few points`, { details: { pointsId } });

export const currencyMismatch = (from: string, to: string) =>
  unprocessable('currency_mismatch', `Cannot move ${from} into an account held in ${to}`, { details: { from, to } });

export const sameAccount = () =>
  invalid('same_account', 'Cannot transfer to the same account', { details: [{ path: 'to', message: 'must differ from from' }] });

export const unsupportedCurrency = (code: unknown) =>
  invalid('unsupported_currency', `Currency ${JSON.stringify(code)} is not supported`, { details: [{ path: 'currency', message: 'unsupported currency' }] });

export const invalidAddress = (details: ErrorDetail[]) =>
  invalid('invalid_address', `Invalid address: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, { details });

export const invalidCardNumber = () =>
  invalid('invalid_card_number', 'A card number is 12 to 19 digits', { details: [{ path: 'number', message: 'expected 12 to 19 digits' }] });

export const invalidBankName = () =>
  invalid('invalid_bank_name', 'A bank name is 1 to 100 printable characters', { details: [{ path: 'bankName', message: 'expected 1 to 100 characters' }] });

export const cardExists = (number: string) => conflict('card_exists', `Card ${maskCard(number)} is already on this account`);

export const cardNotFound = (number: string) => notFound('card_not_found', `Card ${maskCard(number)} is not on this account`);

export const cardDisabled = (number: string) => unprocessable('card_disabled', `Card ${maskCard(number)} is disabled`);

export const cardLimitReached = (limit: number) => unprocessable('card_limit_reached', `An account holds at most ${limit} cards`);

export const amountTooLarge = (field: string) =>
  invalid('amount_too_large', `${field} is larger than any balance can hold`, { details: [{ path: field, message: 'too large' }] });

export const balanceLimitExceeded = (accountId: string) =>
  unprocessable('balance_limit_exceeded', `Account ${accountId} cannot hold that much`, { details: { accountId } });

export const pointsLimitExceeded = (pointsId: string) =>
  unprocessable('points_limit_exceeded', `Points ${pointsId} cannot hold that many points`, { details: { pointsId } });

export const idempotencyKeyReused = () => unprocessable('idempotency_key_reused', 'This Idempotency-Key was already used for a different request');

export const depositsForbidden = () => forbidden('deposits_forbidden', 'Deposits need the admin role (or test mode, on your own accounts)');

/**
 * A save found the aggregate changed since it was loaded. Use cases retry on it a
 * bounded number of times; when they give up it reaches the client as a 409.
 */
export class ConcurrentModificationError extends AppError {
  constructor(aggregate: 'account' | 'points', id: string) {
    super('conflict', 'concurrent_modification', `The ${aggregate} ${id} changed concurrently; retry the request`, { details: { aggregate, id } });
  }
}

export function isConcurrentModification(error: unknown): error is ConcurrentModificationError {
  return error instanceof ConcurrentModificationError;
}

/**
 * Raised by an IdempotencyStore when another request (committed, or committing now)
 * already holds the key. Use cases turn it into a replay of the first result.
 */
export class IdempotencyKeyTakenError extends AppError {
  constructor(userId: string, key: string) {
    super('conflict', 'idempotency_key_in_use', 'This Idempotency-Key is being used by another request', { details: { userId, key } });
  }
}

export function isIdempotencyKeyTaken(error: unknown): error is IdempotencyKeyTakenError {
  return error instanceof IdempotencyKeyTakenError;
}

function maskCard(number: string): string {
  return number.length > 4 ? `••${number.slice(-4)}` : number;
}

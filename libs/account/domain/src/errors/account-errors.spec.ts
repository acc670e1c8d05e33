import { describe, expect, it } from 'vitest';
import * as errors from './account-errors';

describe('account errors', () => {
  it.each([
    [errors.accountNotFound('1'), 'account_not_found', 404],
    [errors.pointsNotFound('1'), 'points_not_found', 404],
    [errors.insufficientFunds('1'), 'insufficient_funds', 422],
    [errors.insufficientPoints('1'), 'insufficient_points', 422],
    [errors.currencyMismatch('USD', 'CNY'), 'currency_mismatch', 422],
    [errors.sameAccount(), 'same_account', 400],
    [errors.unsupportedCurrency('XXX'), 'unsupported_currency', 400],
    [errors.invalidAddress([{ path: 'city', message: 'required' }]), 'invalid_address', 400],
    [errors.invalidCardNumber(), 'invalid_card_number', 400],
    [errors.invalidBankName(), 'invalid_bank_name', 400],
    [errors.cardExists('6222020000000001'), 'card_exists', 409],
    [errors.cardNotFound('6222020000000001'), 'card_not_found', 404],
    [errors.cardDisabled('6222020000000001'), 'card_disabled', 422],
    [errors.cardLimitReached(10), 'card_limit_reached', 422],
    [errors.amountTooLarge('amount'), 'amount_too_large', 400],
    [errors.balanceLimitExceeded('1'), 'balance_limit_exceeded', 422],
    [errors.pointsLimitExceeded('1'), 'points_limit_exceeded', 422],
    [new errors.ConcurrentModificationError('account', '1'), 'concurrent_modification', 409],
    [errors.idempotencyKeyReused(), 'idempotency_key_reused', 422],
    [errors.depositsForbidden(), 'deposits_forbidden', 403],
  ])('%#: %s has code %s and status %i', (error, code, status) => {
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(errors.ACCOUNT_ERROR_CODES).toContain(code);
  });

  it('masks card numbers in messages', () => {
    expect(errors.cardNotFound('6222020000001234').message).not.toContain('622202000000');
    expect(errors.cardNotFound('6222020000001234').message).toContain('1234');
  });

  it('tells concurrency and idempotency signals apart from other errors', () => {
    expect(errors.isConcurrentModification(new errors.ConcurrentModificationError('points', '1'))).toBe(true);
    expect(errors.isConcurrentModification(errors.cardExists('1'))).toBe(false);
    expect(errors.isIdempotencyKeyTaken(new errors.IdempotencyKeyTakenError('u', 'k'))).toBe(true);
    expect(errors.isIdempotencyKeyTaken(new Error('x'))).toBe(false);
  });
});

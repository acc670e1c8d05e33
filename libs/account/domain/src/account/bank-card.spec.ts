import { describe, expect, it } from 'vitest';
import { errorOf } from '../test-support/expect-error';
import { BankCard, isCardNumber } from './bank-card';

const now = new Date(Date.UTC(2026, 0, 1));

describe('BankCard', () => {
  it('is issued enabled, with a trimmed bank name', () => {
    const card = BankCard.issue({ number: '6222020000000001', bankName: ' ICBC ', now });
    expect(card.snapshot()).toEqual({ number: '6222020000000001', bankName: 'ICBC', enabled: true, addedAt: now });
  });

  it.each(['12345678901', '12345678901234567890', '6222 0200 0000 0001', 'abcdabcdabcd', 6222020000000001])(
    'refuses card number %j with invalid_card_number',
    (number) => {
      expect(errorOf(() => BankCard.issue({ number, bankName: 'ICBC', now })).code).toBe('invalid_card_number');
    },
  );

  it.each(['', '   ', 'x'.repeat(101), null, 'Bank\nName'])('refuses bank name %j with invalid_bank_name', (bankName) => {
    expect(errorOf(() => BankCard.issue({ number: '6222020000000001', bankName, now })).code).toBe('invalid_bank_name');
  });

  it('reports whether enabling or disabling changed anything', () => {
    const card = BankCard.issue({ number: '6222020000000001', bankName: 'ICBC', now });
    expect(card.enable()).toBe(false);
    expect(card.disable()).toBe(true);
    expect(card.enabled).toBe(false);
    expect(card.disable()).toBe(false);
    expect(card.enable()).toBe(true);
  });

  it('recognises card numbers', () => {
    expect(isCardNumber('123456789012')).toBe(true);
    expect(isCardNumber('12345678901x')).toBe(false);
  });
});

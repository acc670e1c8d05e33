import { describe, expect, it } from 'vitest';
import { errorOf } from '../test-support/expect-error';
import { Address } from './address';

const valid = { province: 'Zhejiang', city: 'Hangzhou', district: 'Xihu', line: '1 Lake Road' };

describe('Address', () => {
  it('trims every part and is equal by value', () => {
    const a = Address.of({ province: ' Zhejiang ', city: 'Hangzhou', district: 'Xihu', line: '1 Lake Road ' });
    expect(a.toJSON()).toEqual(valid);
    expect(a.equals(Address.of(valid))).toBe(true);
    expect(a.equals(Address.of({ ...valid, line: '2 Lake Road' }))).toBe(false);
    expect(a.equals(null)).toBe(false);
  });

  it('names every missing or malformed part in one invalid_address error', () => {
    const error = errorOf(() => Address.of({ province: '', city: 42, line: 'x'.repeat(201) }));
    expect(error.code).toBe('invalid_address');
    expect(error.status).toBe(400);
    expect(error.details).toEqual([
      { path: 'province', message: 'required' },
      { path: 'city', message: 'required' },
      { path: 'district', message: 'required' },
      { path: 'line', message: 'at most 200 characters' },
    ]);
  });

  it.each([null, undefined, 'Hangzhou', []])('refuses %j as a whole', (input) => {
    expect(errorOf(() => Address.of(input)).code).toBe('invalid_address');
  });

  it('refuses control characters', () => {
    expect(errorOf(() => Address.of({ ...valid, city: 'Hang\u0000zhou' })).details).toEqual([{ path: 'city', message: 'must not contain control characters' }]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(Address.of({ ...valid, province: '浙'.repeat(100) }).province).toHaveLength(100);
  });
});

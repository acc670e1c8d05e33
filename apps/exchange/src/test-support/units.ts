/** A decimal string as an integer at 18 decimals, for exact sums in tests. */
export function units(decimal: string): bigint {
  const negative = decimal.startsWith('-');
  const [whole, fraction = ''] = decimal.replace('-', '').split('.');
  const value = BigInt(whole + fraction.padEnd(18, '0'));
  return negative ? -value : value;
}

/**
 * A sale's item states as one string, one character per item index: 'S' sold, 'H'
 * held by a purchase in flight, anything else free. Redis reads and writes single
 * characters with GETRANGE/SETRANGE; the memory bodies below do the same on a copy.
 * Writing past the end pads with NUL bytes, as SETRANGE does.
 */
export const SOLD = 'S';
export const HELD = 'H';

export function charAt(states: string | null, index: number): string {
  return states?.charAt(index) ?? '';
}

export function withChar(states: string | null, index: number, char: string): string {
  const base = (states ?? '').padEnd(index, '\u0000');
  return base.slice(0, index) + char + base.slice(index + 1);
}

export const csv = (values: readonly (string | number)[]) => values.join(',');
export const fromCsv = (text: string) => (text === '' ? [] : text.split(','));

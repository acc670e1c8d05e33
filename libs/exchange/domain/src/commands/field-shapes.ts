/**
 * The engine guard's checks of id-like fields, written as character loops: they
 * accept exactly what `USER_ID`, `PRODUCT_ID` and `CURRENCY_CODE` (command-codec)
 * match (field-shapes.spec.ts holds them to it), at a fraction of a regular
 * expression's cost, which matters because the guard runs on every replayed record.
 */

/** `USER_ID`: 1–64 printable ASCII characters, no space. */
export function isUserId(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

/** `PRODUCT_ID`: a letter or digit, then up to 31 letters, digits, "_" or "-". */
export function isProductId(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 32 || !isAlphanumeric(value.charCodeAt(0))) return false;
  for (let i = 1; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (!isAlphanumeric(code) && code !== 0x5f && code !== 0x2d) return false;
  }
  return true;
}

/** `CURRENCY_CODE`: 1–16 upper-case letters or digits. */
export function isCurrencyCode(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 16) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (!(code >= 0x30 && code <= 0x39) && !(code >= 0x41 && code <= 0x5a)) return false;
  }
  return true;
}

function isAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

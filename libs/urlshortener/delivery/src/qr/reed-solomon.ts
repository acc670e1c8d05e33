/**
 * Reed–Solomon error correction over GF(2^8) with the QR code's reducing polynomial
 * x^8 + x^4 + x^3 + x^2 + 1 (0x11D) and generator roots α^0 … α^(degree-1), α = 2.
 */

/** Product of two field elements: carry-less multiplication reduced by 0x11D. */
export function gfMultiply(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i--) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z;
}

/**
 * The generator polynomial (x - α^0)(x - α^1)…(x - α^(degree-1)), monic, as its
 * coefficients from x^(degree-1) down to x^0 (the leading 1 is implied).
 */
export function generatorPolynomial(degree: number): number[] {
  if (!Number.isInteger(degree) || degree < 1 || degree > 255) throw new RangeError(`degree must be in [1, 255], got ${degree}`);
  const result = new Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i++) {
    for (let j = 0; j < degree; j++) {
      result[j] = gfMultiply(result[j], root);
      if (j + 1 < degree) result[j] ^= result[j + 1];
    }
    root = gfMultiply(root, 0x02);
  }
  return result;
}

/** The error-correction codewords for `data`: the remainder of data·x^degree divided by the generator. */
export function errorCorrectionCodewords(data: readonly number[], generator: readonly number[]): number[] {
  const remainder = new Array<number>(generator.length).fill(0);
  for (const byte of data) {
    const factor = byte ^ (remainder.shift() ?? 0);
    remainder.push(0);
    for (let i = 0; i < generator.length; i++) remainder[i] ^= gfMultiply(generator[i], factor);
  }
  return remainder;
}

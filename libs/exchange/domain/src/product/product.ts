import { AppError, formatDecimal, invalid, parseDecimal } from '@mosaic/kit-core';
import { amountOf, notional, type Amount } from '../assets/amounts';

/**
 * A market as configured: decimal strings, the way an operator writes it and the
 * way it travels in the journal. `Product` is the parsed, integer form the engine
 * trades with.
 */
export interface ProductSpec {
  id: string;
  baseCurrency: string;
  quoteCurrency: string;
  /** Decimal places of the currencies' minor units (e.g. 8 for BTC, 6 for USDT). */
  baseScale: number;
  quoteScale: number;
  /** Price increment, in quote per one whole base unit (e.g. "0.01"). */
  tickSize: string;
  /** Size increment, in base (e.g. "0.0001"). */
  stepSize: string;
  minSize: string;
  maxSize: string;
  /** Bounds on the quote amount of a market buy. */
  minFunds: string;
  maxFunds: string;
  /** Fee rates as fractions of what the party receives (e.g. "0.001" = 0.1%), at most 6 decimals. */
  makerFee: string;
  takerFee: string;
}

const FRACTION_SCALE = 18;
const PPM = 1_000_000n;
const PRODUCT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;
const CURRENCY_CODE = /^[A-Z0-9]{1,16}$/;

/**
 * Prices are counted in ticks and sizes in lots (steps), both safe integers, so
 * the book compares and adds plain numbers. Money stays bigint in minor units:
 * one tick times one lot is worth exactly `quotePerTickLot` quote minor units,
 * which the constructor insists is a whole number so no fill ever rounds.
 */
export class Product {
  readonly id: string;
  readonly baseCurrency: string;
  readonly quoteCurrency: string;
  readonly baseScale: number;
  readonly quoteScale: number;
  /** Base minor units in one lot. */
  readonly lotUnits: bigint;
  /** Quote minor units paid for one lot at a price of one tick. */
  readonly quotePerTickLot: bigint;
  readonly minLots: number;
  readonly maxLots: number;
  readonly minFunds: bigint;
  readonly maxFunds: bigint;
  /** Fee rates in parts per million. */
  readonly makerFeePpm: bigint;
  readonly takerFeePpm: bigint;
  /** Decimal places needed to write a price; a price is `ticks × tickAtPriceScale` at that scale. */
  readonly priceScale: number;
  readonly tickAtPriceScale: bigint;
  /** `lotUnits`, `quotePerTickLot`, the funds bounds and the fee rates as engine amounts (see assets/amounts.ts). */
  readonly lotAmount: Amount;
  readonly quotePerTickLotAmount: Amount;
  readonly minFundsAmount: Amount;
  readonly maxFundsAmount: Amount;
  readonly makerFeeRate: number;
  readonly takerFeeRate: number;

  private constructor(readonly spec: Readonly<ProductSpec>) {
    this.id = spec.id;
    this.baseCurrency = spec.baseCurrency;
    this.quoteCurrency = spec.quoteCurrency;
    this.baseScale = spec.baseScale;
    this.quoteScale = spec.quoteScale;

    const tick = parseDecimal(spec.tickSize, FRACTION_SCALE, { field: 'tickSize', allowZero: false });
    this.lotUnits = parseDecimal(spec.stepSize, spec.baseScale, { field: 'stepSize', allowZero: false });
    const numerator = tick * this.lotUnits * 10n ** BigInt(spec.quoteScale);
    const denominator = 10n ** BigInt(FRACTION_SCALE + spec.baseScale);
    if (numerator % denominator !== 0n) {
      throw productError('tickSize × stepSize must be a whole number of quote minor units, so that every fill is exact', 'tickSize');
    }
    this.quotePerTickLot = numerator / denominator;

    this.priceScale = decimalsOf(tick, FRACTION_SCALE);
    this.tickAtPriceScale = tick / 10n ** BigInt(FRACTION_SCALE - this.priceScale);

    this.minLots = lotsOf(spec.minSize, this, 'minSize');
    this.maxLots = lotsOf(spec.maxSize, this, 'maxSize');
    if (this.minLots < 1 || this.maxLots < this.minLots) throw productError('need 0 < minSize ≤ maxSize', 'maxSize');
    this.minFunds = parseDecimal(spec.minFunds, spec.quoteScale, { field: 'minFunds', allowZero: false });
    this.maxFunds = parseDecimal(spec.maxFunds, spec.quoteScale, { field: 'maxFunds', allowZero: false });
    if (this.maxFunds < this.minFunds) throw productError('need minFunds ≤ maxFunds', 'maxFunds');
    this.makerFeePpm = feeOf(spec.makerFee, 'makerFee');
    this.takerFeePpm = feeOf(spec.takerFee, 'takerFee');
    this.lotAmount = amountOf(this.lotUnits);
    this.quotePerTickLotAmount = amountOf(this.quotePerTickLot);
    this.minFundsAmount = amountOf(this.minFunds);
    this.maxFundsAmount = amountOf(this.maxFunds);
    this.makerFeeRate = Number(this.makerFeePpm);
    this.takerFeeRate = Number(this.takerFeePpm);
  }

  /** Validates a spec; throws an `invalid` AppError (code `invalid_product`) naming the bad field. */
  static define(spec: ProductSpec): Product {
    checkShape(spec);
    try {
      return new Product(Object.freeze({ ...spec }));
    } catch (error) {
      if (error instanceof AppError && error.code === 'invalid_product') throw error;
      if (error instanceof AppError) throw productError(error.message, fieldOf(error));
      if (error instanceof RangeError) throw productError(error.message, 'baseScale');
      throw error;
    }
  }

  /** Whether `other` changes only what may change on a live market (limits and fees). */
  sameMarketAs(other: Product): boolean {
    return (
      this.id === other.id &&
      this.baseCurrency === other.baseCurrency &&
      this.quoteCurrency === other.quoteCurrency &&
      this.baseScale === other.baseScale &&
      this.quoteScale === other.quoteScale &&
      this.lotUnits === other.lotUnits &&
      this.quotePerTickLot === other.quotePerTickLot &&
      this.priceScale === other.priceScale &&
      this.tickAtPriceScale === other.tickAtPriceScale
    );
  }

  /** "60000.01" → ticks; rejects a price that is not a positive multiple of the tick. */
  priceToTicks(price: unknown): number {
    const units = parseEdge(price, this.priceScale, 'price', 'price_off_tick', 'is not on the price tick');
    if (units % this.tickAtPriceScale !== 0n) {
      throw invalid('price_off_tick', `price must be a multiple of ${this.spec.tickSize}`, { details: [{ path: 'price', message: 'not on the price tick' }] });
    }
    return safeCount(units / this.tickAtPriceScale, 'price');
  }

  /** "0.5" → lots; rejects a size that is not a positive multiple of the step. */
  sizeToLots(size: unknown): number {
    const units = parseEdge(size, this.baseScale, 'size', 'size_off_step', 'is not on the size step');
    if (units % this.lotUnits !== 0n) {
      throw invalid('size_off_step', `size must be a multiple of ${this.spec.stepSize}`, { details: [{ path: 'size', message: 'not on the size step' }] });
    }
    return safeCount(units / this.lotUnits, 'size');
  }

  /** "100.5" → quote minor units. */
  fundsToUnits(funds: unknown): bigint {
    return parseEdge(funds, this.quoteScale, 'funds', 'funds_too_precise', `has more than ${this.quoteScale} decimals`);
  }

  formatPrice(ticks: number): string {
    return formatDecimal(BigInt(ticks) * this.tickAtPriceScale, this.priceScale);
  }

  formatSize(lots: number): string {
    return formatDecimal(BigInt(lots) * this.lotUnits, this.baseScale);
  }

  /** Quote minor units paid for `lots` at `ticks`. */
  notional(ticks: number, lots: number): bigint {
    return notional(ticks, lots, this.quotePerTickLot);
  }

  /** Base minor units in `lots`. */
  baseUnits(lots: number): bigint {
    return BigInt(lots) * this.lotUnits;
  }
}

function checkShape(spec: ProductSpec): void {
  if (spec === null || typeof spec !== 'object') throw productError('product spec must be an object', 'product');
  if (typeof spec.id !== 'string' || !PRODUCT_ID.test(spec.id)) throw productError('id must be 1–32 letters, digits, "-" or "_"', 'id');
  for (const field of ['baseCurrency', 'quoteCurrency'] as const) {
    if (typeof spec[field] !== 'string' || !CURRENCY_CODE.test(spec[field])) {
      throw productError(`${field} must be 1–16 upper-case letters or digits`, field);
    }
  }
  if (spec.baseCurrency === spec.quoteCurrency) throw productError('base and quote currency must differ', 'quoteCurrency');
  for (const field of ['baseScale', 'quoteScale'] as const) {
    if (!Number.isInteger(spec[field]) || spec[field] < 0 || spec[field] > 18) throw productError(`${field} must be an integer in [0, 18]`, field);
  }
  for (const field of ['tickSize', 'stepSize', 'minSize', 'maxSize', 'minFunds', 'maxFunds', 'makerFee', 'takerFee'] as const) {
    if (typeof spec[field] !== 'string') throw productError(`${field} must be a decimal string`, field);
  }
}

function lotsOf(size: string, product: Product, field: string): number {
  const units = parseDecimal(size, product.baseScale, { field, allowZero: false });
  if (units % product.lotUnits !== 0n) throw productError(`${field} must be a multiple of stepSize`, field);
  const lots = units / product.lotUnits;
  if (lots > BigInt(Number.MAX_SAFE_INTEGER)) throw productError(`${field} is too large for the step`, field);
  return Number(lots);
}

function feeOf(rate: string, field: string): bigint {
  const ppm = parseDecimal(rate, 6, { field });
  if (ppm >= PPM) throw productError(`${field} must be below 1`, field);
  return ppm;
}

function decimalsOf(units: bigint, scale: number): number {
  let decimals = scale;
  let rest = units;
  while (decimals > 0 && rest % 10n === 0n) {
    rest /= 10n;
    decimals -= 1;
  }
  return decimals;
}

function parseEdge(input: unknown, scale: number, field: string, precisionCode: string, precisionMessage: string): bigint {
  try {
    return parseDecimal(input, scale, { field, allowZero: false });
  } catch (error) {
    if (error instanceof AppError && error.code === 'too_many_decimals') {
      throw invalid(precisionCode, `${field} ${precisionMessage}`, { details: [{ path: field, message: precisionMessage }] });
    }
    throw error;
  }
}

function safeCount(count: bigint, field: string): number {
  if (count > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalid('decimal_out_of_range', `${field} is too large`, { details: [{ path: field, message: 'too large' }] });
  }
  return Number(count);
}

function fieldOf(error: AppError): string {
  const details = error.details;
  if (Array.isArray(details) && typeof details[0]?.path === 'string') return details[0].path;
  return 'product';
}

function productError(message: string, field: string): AppError {
  return invalid('invalid_product', message, { details: [{ path: field, message }] });
}

import { AppError } from '@mosaic/kit-core';
import type { PutProductCommand } from '../commands/commands';
import { Product } from '../product/product';
import type { EngineState } from './engine-state';
import { Market } from './market';
import type { CommandResult } from '../events/exchange-events';

/**
 * Lists a product, or updates limits and fees of a listed one. Currencies are
 * registered with the first product that trades them; their scale is fixed from
 * then on, as are a product's currencies, tick and step.
 */
export function putProduct(state: EngineState, command: PutProductCommand): CommandResult {
  let product: Product;
  try {
    product = Product.define(command.product);
  } catch (error) {
    if (error instanceof AppError) return state.reject('put_product', 'invalid_product', error.message);
    throw error;
  }

  const existing = state.markets.get(product.id);
  if (existing !== undefined) {
    if (!existing.product.sameMarketAs(product)) {
      return state.reject('put_product', 'product_immutable', 'only sizes, funds and fees of a listed product can change');
    }
    existing.product = product;
    if (state.reporting) state.events.push({ type: 'product', product: product.spec, listed: false });
    return state.accept(null, 'put_product');
  }

  for (const [code, scale] of [
    [product.baseCurrency, product.baseScale],
    [product.quoteCurrency, product.quoteScale],
  ] as const) {
    const known = state.currencies.get(code);
    if (known !== undefined && known.scale !== scale) {
      return state.reject('put_product', 'currency_scale_mismatch', `${code} is already listed with scale ${known.scale}`);
    }
  }
  const market = new Market(
    product,
    state.currency(product.baseCurrency, product.baseScale),
    state.currency(product.quoteCurrency, product.quoteScale),
    state.orders,
  );
  state.markets.set(product.id, market);
  state.marketList.push(market);
  if (state.reporting) state.events.push({ type: 'product', product: product.spec, listed: true });
  return state.accept(null, 'put_product');
}

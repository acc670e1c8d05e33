import * as amounts from '../assets/amounts';
import type { Amount } from '../assets/amounts';
import type { Currency } from '../assets/currency';
import { OrderBook } from '../book/order-book';
import type { BookOrder } from '../book/book-order';
import type { OrderIndex } from '../book/order-index';
import type { Product } from '../product/product';

// tsx runs this code as CommonJS, where every use of an imported name calls a getter on
// the exporting module; this hot path binds what it calls once, at load.
const { cost, times } = amounts;

/** A listed product with its book and resolved currencies. */
export class Market {
  readonly book: OrderBook;

  constructor(
    /** Replaced when limits or fees change; the tick and step never do. */
    public product: Product,
    readonly base: Currency,
    readonly quote: Currency,
    orderIndex: OrderIndex,
  ) {
    this.book = new OrderBook(orderIndex, product.id);
  }

  /** What a resting order still reserves: quote at its limit for a buy, base for a sell. */
  reserved(order: BookOrder): Amount {
    return order.side === 'buy' ? cost(order.price, order.remaining, this.product.quotePerTickLotAmount) : times(order.remaining, this.product.lotAmount);
  }

  holdCurrency(order: BookOrder): Currency {
    return order.side === 'buy' ? this.quote : this.base;
  }
}

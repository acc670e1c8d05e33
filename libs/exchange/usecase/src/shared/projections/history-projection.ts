import type { CommandResult, FillRow, HistoryChange, OrderRow, Product, Side, TransferRow } from '@mosaic/exchange-domain';
import { formatUnits, canonicalDecimal } from '../decimals';

/** An order still on the book, in integer form; the row is written from it. */
interface LiveOrder extends Pick<
  OrderRow,
  'id' | 'userId' | 'productId' | 'side' | 'type' | 'timeInForce' | 'postOnly' | 'status' | 'doneReason' | 'clientOid' | 'createdAt'
> {
  price: number | null;
  size: number | null;
  funds: bigint | null;
  filledLots: number;
  executedValue: bigint;
  fillFees: bigint;
}

export type LiveOrderState = Omit<LiveOrder, 'funds' | 'executedValue' | 'fillFees'> & { funds: string | null; executedValue: string; fillFees: string };

export interface CurrencyScales {
  product(productId: string): Product | undefined;
  /** Minor-unit scale of a currency. */
  scaleOf(currency: string): number | undefined;
}

/**
 * Turns engine results into history rows. Orders still on the book are kept
 * here in integer form (the results of every journal record pass through, from
 * the first, so the set is complete after a replay); a row leaves once its order
 * is done. Deterministic: the same results give the same rows.
 */
export class HistoryProjection {
  private readonly live = new Map<number, LiveOrder>();

  constructor(private readonly scales: CurrencyScales) {}

  /** The orders still open, as plain JSON (amounts as decimal strings), for a snapshot. */
  exportLive(): LiveOrderState[] {
    return [...this.live.values()].map((order) => ({
      ...order,
      funds: order.funds?.toString() ?? null,
      executedValue: order.executedValue.toString(),
      fillFees: order.fillFees.toString(),
    }));
  }

  /** Takes over what `exportLive` gave (into a fresh projection). */
  importLive(orders: readonly LiveOrderState[]): void {
    if (this.live.size > 0) throw new Error('open orders can only be restored into an empty projection');
    for (const order of orders) {
      this.live.set(order.id, {
        ...order,
        funds: order.funds === null ? null : BigInt(order.funds),
        executedValue: BigInt(order.executedValue),
        fillFees: BigInt(order.fillFees),
      });
    }
  }

  /** The history change of one result, or undefined when it touched no order, fill or transfer. */
  project(result: CommandResult): HistoryChange | undefined {
    if (!result.accepted) return undefined;
    const touched = new Map<number, LiveOrder>();
    const fills: FillRow[] = [];
    const transfers: TransferRow[] = [];
    for (const event of result.events) {
      switch (event.type) {
        case 'order_received': {
          const order: LiveOrder = {
            id: event.orderId,
            userId: event.userId,
            productId: event.productId,
            side: event.side,
            type: event.orderType,
            timeInForce: event.timeInForce,
            postOnly: event.postOnly,
            price: event.price,
            size: event.size,
            funds: event.funds,
            filledLots: 0,
            executedValue: 0n,
            fillFees: 0n,
            status: 'open',
            doneReason: null,
            clientOid: event.ref,
            createdAt: event.time,
          };
          this.live.set(order.id, order);
          touched.set(order.id, order);
          break;
        }
        case 'trade': {
          const product = this.product(event.productId);
          const price = product.formatPrice(event.price);
          const size = product.formatSize(event.size);
          for (const [orderId, userId, fee, liquidity] of [
            [event.makerOrderId, event.makerUserId, event.makerFee, 'M'],
            [event.takerOrderId, event.takerUserId, event.takerFee, 'T'],
          ] as const) {
            const order = this.live.get(orderId);
            if (order !== undefined) {
              order.filledLots += event.size;
              order.executedValue += event.quoteAmount;
              order.fillFees += fee;
              touched.set(orderId, order);
            }
            const side: Side = liquidity === 'T' ? event.side : event.side === 'buy' ? 'sell' : 'buy';
            fills.push({
              id: event.tradeId * 2 + (liquidity === 'T' ? 1 : 0),
              tradeId: event.tradeId,
              orderId,
              userId,
              productId: event.productId,
              side,
              price: canonicalDecimal(price),
              size: canonicalDecimal(size),
              fee: formatUnits(fee, side === 'buy' ? product.baseScale : product.quoteScale),
              liquidity,
              createdAt: event.time,
              seq: result.seq,
            });
          }
          break;
        }
        case 'order_open': {
          const order = this.live.get(event.orderId);
          if (order !== undefined) touched.set(order.id, order);
          break;
        }
        case 'order_done': {
          const order = this.live.get(event.orderId);
          if (order === undefined) break;
          order.status = event.reason === 'filled' ? 'filled' : 'cancelled';
          order.doneReason = event.cancelReason ?? event.reason;
          order.filledLots = event.filledSize;
          order.executedValue = event.executedValue;
          order.fillFees = event.fillFees;
          touched.set(order.id, order);
          break;
        }
        case 'deposit':
        case 'withdrawal':
          transfers.push({
            id: result.seq,
            userId: event.userId,
            currency: event.currency,
            type: event.type,
            amount: formatUnits(event.amount, this.scales.scaleOf(event.currency) ?? 0),
            createdAt: event.time,
          });
          break;
        default:
          break;
      }
    }
    if (touched.size === 0 && fills.length === 0 && transfers.length === 0) return undefined;
    const orders: OrderRow[] = [];
    for (const order of touched.values()) {
      orders.push(this.row(order, result.seq));
      if (order.status !== 'open') this.live.delete(order.id);
    }
    return { seq: result.seq, orders, fills, transfers };
  }

  private row(order: LiveOrder, seq: number): OrderRow {
    const product = this.product(order.productId);
    const feeScale = order.side === 'buy' ? product.baseScale : product.quoteScale;
    return {
      id: order.id,
      userId: order.userId,
      productId: order.productId,
      side: order.side,
      type: order.type,
      timeInForce: order.timeInForce,
      postOnly: order.postOnly,
      price: order.price === null ? '0' : canonicalDecimal(product.formatPrice(order.price)),
      size: order.size === null ? '0' : canonicalDecimal(product.formatSize(order.size)),
      funds: order.funds === null ? '0' : formatUnits(order.funds, product.quoteScale),
      filledSize: canonicalDecimal(product.formatSize(order.filledLots)),
      executedValue: formatUnits(order.executedValue, product.quoteScale),
      fillFees: formatUnits(order.fillFees, feeScale),
      status: order.status,
      doneReason: order.doneReason,
      clientOid: order.clientOid,
      createdAt: order.createdAt,
      seq,
    };
  }

  private product(productId: string): Product {
    const product = this.scales.product(productId);
    if (product === undefined) throw new Error(`results name product ${productId}, which the engine does not list`);
    return product;
  }
}

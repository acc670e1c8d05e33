import { CancelAllOrders, CancelOrder } from './cancel-orders/cancel-orders';
import { PlaceOrder } from './place-order/place-order';
import { ExchangeReads } from './exchange-reads/exchange-reads';
import { TransferFunds } from './transfer-funds/transfer-funds';
import type { ExchangePipeline } from './shared/pipeline/exchange-pipeline';

export interface ExchangeUseCases {
  readonly pipeline: ExchangePipeline;
  readonly placeOrder: PlaceOrder;
  readonly cancelOrder: CancelOrder;
  readonly cancelAllOrders: CancelAllOrders;
  readonly transferFunds: TransferFunds;
  readonly reads: ExchangeReads;
}

export function createExchangeUseCases(pipeline: ExchangePipeline, options: { selfServiceTransfers: boolean }): ExchangeUseCases {
  return {
    pipeline,
    placeOrder: new PlaceOrder(pipeline),
    cancelOrder: new CancelOrder(pipeline),
    cancelAllOrders: new CancelAllOrders(pipeline),
    transferFunds: new TransferFunds(pipeline, options.selfServiceTransfers),
    reads: new ExchangeReads(pipeline),
  };
}

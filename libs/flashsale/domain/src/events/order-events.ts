/** The MQ topic the flash sale's order events are relayed to, keyed by order id. */
export const FLASHSALE_EVENTS_TOPIC = 'flashsale.events';

export type OrderEventType = 'order.created' | 'order.paid' | 'order.shipped' | 'order.cancelled';

/** A JSON-safe value, as events travel. */
export type OrderEventValue = string | number | boolean | null | readonly OrderEventValue[] | { readonly [key: string]: OrderEventValue };

/**
 * One step of an order's history. The stream of an order is its events in `version`
 * order (1, 2, …); the pair (order, version) is unique, which is what makes two
 * concurrent changes of one order collide instead of both landing.
 */
export interface OrderEvent {
  readonly id: string;
  readonly type: OrderEventType;
  readonly aggregateType: 'order';
  readonly aggregateId: string;
  readonly version: number;
  readonly occurredAt: Date;
  /** The buyer, who hears about it. */
  readonly recipients: readonly string[];
  readonly data: { readonly [key: string]: OrderEventValue };
}

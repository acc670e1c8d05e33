import { VersionedAggregate } from '@mosaic/kit-core';
import { invalidOrderTransition } from '../errors/flashsale-errors';
import type { OrderEvent, OrderEventType } from '../events/order-events';

export type OrderStatus = 'created' | 'paid' | 'shipped' | 'cancelled';

export interface OrderPlacement {
  readonly orderId: string;
  readonly userId: string;
  readonly saleId: string;
  readonly code: string;
  readonly items: readonly string[];
}

/** What a new event needs from the caller: its id and when it happened. */
export interface EventStamp {
  readonly eventId: string;
  readonly at: Date;
}

const ALLOWED: Record<'pay' | 'ship' | 'cancel', { from: readonly OrderStatus[]; to: OrderStatus; type: OrderEventType; past: string }> = {
  pay: { from: ['created'], to: 'paid', type: 'order.paid', past: 'paid' },
  ship: { from: ['paid'], to: 'shipped', type: 'order.shipped', past: 'shipped' },
  cancel: { from: ['created', 'paid'], to: 'cancelled', type: 'order.cancelled', past: 'cancelled' },
};

export type OrderAction = keyof typeof ALLOWED;
export const ORDER_ACTIONS = Object.keys(ALLOWED) as OrderAction[];

/**
 * An order of the items one purchase bought. Its state is nothing but its events:
 * `replay` folds them, and every change records a new event (in `pending`) with the
 * next version, for the caller to append to the stream. The buyer owns it.
 * State machine: created → paid → shipped; created | paid → cancelled.
 */
export class Order extends VersionedAggregate<OrderEvent> {
  private constructor(
    readonly id: string,
    readonly userId: string,
    readonly saleId: string,
    readonly code: string,
    readonly items: readonly string[],
    private state: OrderStatus,
    replayedVersion: number,
  ) {
    super({ version: replayedVersion, ownerId: userId });
  }

  static place(placement: OrderPlacement, stamp: EventStamp): Order {
    const order = new Order(placement.orderId, placement.userId, placement.saleId, placement.code, [...placement.items], 'created', 0);
    order.recordStep('order.created', stamp, { userId: placement.userId, saleId: placement.saleId, code: placement.code, items: [...placement.items] });
    return order;
  }

  /** The order as its stream says; undefined for an empty stream. */
  static replay(events: readonly OrderEvent[]): Order | undefined {
    const [first, ...rest] = events;
    if (!first) return undefined;
    if (first.type !== 'order.created' || first.version !== 1) throw new Error(`order ${first.aggregateId}: stream does not start with order.created v1`);
    const data = first.data as { userId: string; saleId: string; code: string; items: string[] };
    let state: OrderStatus = 'created';
    let version = 1;
    for (const event of rest) {
      if (event.version !== version + 1) throw new Error(`order ${first.aggregateId}: version ${event.version} follows ${version}`);
      state = statusAfter(event.type);
      version = event.version;
    }
    return new Order(first.aggregateId, data.userId, data.saleId, data.code, data.items, state, version);
  }

  get status(): OrderStatus {
    return this.state;
  }

  /** The version of the last event, recorded ones included: each event is a version. */
  override get version(): number {
    return super.version + this.pendingEvents.length;
  }

  protected override versionAfterSave(): number {
    return this.version;
  }

  /** Events recorded since it was placed or replayed, oldest first (the stream's next entries). */
  get pending(): readonly OrderEvent[] {
    return this.pendingEvents;
  }

  can(action: OrderAction): boolean {
    return ALLOWED[action].from.includes(this.state);
  }

  apply(action: OrderAction, stamp: EventStamp): void {
    const rule = ALLOWED[action];
    if (!rule.from.includes(this.state)) throw invalidOrderTransition(this.id, this.state, rule.past);
    const from = this.state;
    this.state = rule.to;
    this.recordStep(rule.type, stamp, { from, to: rule.to });
  }

  private recordStep(type: OrderEventType, stamp: EventStamp, data: OrderEvent['data']): void {
    this.record({
      id: stamp.eventId,
      type,
      aggregateType: 'order',
      aggregateId: this.id,
      version: this.version + 1,
      occurredAt: stamp.at,
      recipients: [this.userId],
      data,
    });
  }
}

function statusAfter(type: OrderEventType): OrderStatus {
  switch (type) {
    case 'order.created':
      return 'created';
    case 'order.paid':
      return 'paid';
    case 'order.shipped':
      return 'shipped';
    case 'order.cancelled':
      return 'cancelled';
  }
}

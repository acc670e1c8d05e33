import type { OutgoingMessage } from '@mosaic/kit-mq';
import type { OutboxEvent } from './outbox-event';

/** An event as it travels: JSON with the time as ISO text; consumers read `id` to deduplicate. */
export interface EventPayload<E extends OutboxEvent = OutboxEvent> {
  readonly id: string;
  readonly type: E['type'];
  readonly aggregateType: E['aggregateType'];
  readonly aggregateId: string;
  readonly occurredAt: string;
  readonly recipients: readonly string[];
  readonly data: E['data'];
}

export function toPayload<E extends OutboxEvent>(event: E): EventPayload<E> {
  return {
    id: event.id,
    type: event.type,
    aggregateType: event.aggregateType,
    aggregateId: event.aggregateId,
    occurredAt: event.occurredAt.toISOString(),
    recipients: event.recipients,
    data: event.data,
  };
}

/** The event back from its payload; the caller names which domain's events the outbox holds. */
export function fromPayload<E extends OutboxEvent = OutboxEvent>(payload: EventPayload<E>): E {
  return { ...payload, occurredAt: new Date(payload.occurredAt) } as unknown as E;
}

/** Keyed by aggregate, so each aggregate's events stay in order on one partition. */
export function toMessage(event: OutboxEvent): OutgoingMessage {
  return {
    key: event.aggregateId,
    value: toPayload(event),
    headers: { 'event-id': event.id, 'event-type': event.type },
  };
}

import type { DomainEvent } from '@mosaic/account-domain';
import type { OutgoingMessage } from '@mosaic/kit-mq';

/** An event as it travels: JSON with the time as ISO text; consumers read `id` to deduplicate. */
export interface EventPayload {
  readonly id: string;
  readonly type: DomainEvent['type'];
  readonly aggregateType: DomainEvent['aggregateType'];
  readonly aggregateId: string;
  readonly occurredAt: string;
  readonly recipients: readonly string[];
  readonly data: DomainEvent['data'];
}

export function toPayload(event: DomainEvent): EventPayload {
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

export function fromPayload(payload: EventPayload): DomainEvent {
  return { ...payload, occurredAt: new Date(payload.occurredAt) };
}

/** Keyed by aggregate, so each aggregate's events stay in order on one partition. */
export function toMessage(event: DomainEvent): OutgoingMessage {
  return {
    key: event.aggregateId,
    value: toPayload(event),
    headers: { 'event-id': event.id, 'event-type': event.type },
  };
}

import type { DomainEvent, Notifier, ProcessedEvents } from '@mosaic/account-domain';
import type { Clock } from '@mosaic/kit-core';
import { notificationText } from './notification-text';

export interface NotifyDeps {
  readonly processed: ProcessedEvents;
  readonly notifier: Notifier;
  readonly clock: Clock;
  /** This consumer's name in the processed-events book; default "account-notifications". */
  readonly consumer?: string;
}

/** An event as a consumer receives it: what the relay published, types as in the domain. */
export type ReceivedEvent = Pick<DomainEvent, 'id' | 'type' | 'recipients' | 'data'>;

export type NotifyOutcome = 'notified' | 'duplicate' | 'ignored';

/**
 * The seed's "SMS" step: tells each recipient of an event what happened. Delivery is
 * at least once, so an event id already handled is skipped. The book is written after
 * the messages go out, so a crash in between sends again rather than never; each
 * message carries a stable id (event id + recipient) for the gateway to drop such
 * a resend.
 */
export class NotifyAccountEvent {
  private readonly consumer: string;

  constructor(private readonly deps: NotifyDeps) {
    this.consumer = deps.consumer ?? 'account-notifications';
  }

  async execute(event: ReceivedEvent): Promise<NotifyOutcome> {
    if (await this.deps.processed.has(this.consumer, event.id)) return 'duplicate';
    let sent = 0;
    for (const userId of new Set(event.recipients)) {
      const text = notificationText(event, userId);
      if (text === undefined) continue;
      await this.deps.notifier.send({ id: `${event.id}:${userId}`, userId, eventType: event.type, text });
      sent++;
    }
    await this.deps.processed.mark(this.consumer, event.id, this.deps.clock.now());
    return sent > 0 ? 'notified' : 'ignored';
  }
}

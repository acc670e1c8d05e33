import type { ChatBusEvent, ChatMessage } from '@mosaic/chat-domain';
import type { ChatUseCases } from '@mosaic/chat-usecase';
import type { Logger } from '@mosaic/kit-log';
import type { ChatSession } from './chat-session';

/** Conversations whose order this instance tracks; past it the oldest knowledge is forgotten. */
const MAX_TRACKED = 100_000;
/** How far back the first message seen of a conversation looks for messages that it overtook. */
const FIRST_SIGHT_LOOKBACK = 64;

/**
 * This instance's end of the fan-out: bus events to the local sessions of the users
 * they name. Messages of a conversation leave here in sequence order with no repeats:
 * a repeat is dropped; a message that overtook another (two senders on two instances)
 * waits while the skipped ones are read from storage and sent first. That holds for the
 * first message seen of a conversation too: it may have overtaken earlier ones (seq 2
 * from one instance reaching the bus before seq 1 from another), so the messages just
 * before it that were sent since this hub started, which it has therefore never
 * delivered, go out first; older ones belong to history, which clients resume.
 */
export class FanoutHub {
  private readonly sessionsByUser = new Map<string, Set<ChatSession>>();
  private readonly lastSeq = new Map<string, number>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly startedAt = Date.now();

  constructor(
    private readonly catchUp: ChatUseCases['catchUpConversation'],
    private readonly logger: Logger,
  ) {}

  add(session: ChatSession): number {
    const sessions = this.sessionsByUser.get(session.userId) ?? new Set<ChatSession>();
    sessions.add(session);
    this.sessionsByUser.set(session.userId, sessions);
    return sessions.size;
  }

  remove(session: ChatSession): number {
    const sessions = this.sessionsByUser.get(session.userId);
    if (!sessions) return 0;
    sessions.delete(session);
    if (sessions.size === 0) this.sessionsByUser.delete(session.userId);
    return sessions.size;
  }

  get userIds(): string[] {
    return [...this.sessionsByUser.keys()];
  }

  handle(event: ChatBusEvent): void {
    switch (event.kind) {
      case 'message':
        return this.order(event.message, event.recipients);
      case 'presence':
        return this.toUsers(event.recipients, { type: 'presence', userId: event.userId, online: event.online });
      case 'typing':
        return this.toUsers(event.recipients, { type: 'typing', conversation: event.conversation, userId: event.userId });
      case 'read':
        return this.toUsers(event.recipients, { type: 'read', conversation: event.conversation, seq: event.seq });
      case 'notice':
        return this.toUsers(event.recipients, { type: 'notice', notice: event.notice, ...event.data });
    }
  }

  private order(message: ChatMessage, recipients: readonly string[]): void {
    const conversation = message.conversation;
    const pending = this.pending.get(conversation);
    const step = pending ? pending.then(() => this.orderNow(message, recipients)) : this.orderNow(message, recipients);
    if (!step) return;
    this.pending.set(conversation, step);
    void step.finally(() => {
      if (this.pending.get(conversation) === step) this.pending.delete(conversation);
    });
  }

  private orderNow(message: ChatMessage, recipients: readonly string[]): Promise<void> | undefined {
    const last = this.lastSeq.get(message.conversation);
    if (last !== undefined && message.seq <= last) return undefined;
    if (message.seq === (last ?? 0) + 1) {
      this.advance(message, recipients);
      return undefined;
    }
    const firstSight = last === undefined;
    const afterSeq = last ?? Math.max(0, message.seq - 1 - FIRST_SIGHT_LOOKBACK);
    return this.catchUp
      .execute({ conversation: message.conversation, afterSeq, untilSeq: message.seq })
      .catch((error: unknown) => {
        this.logger.warn({ err: error, conversation: message.conversation }, 'reading skipped messages failed; sending on');
        return [] as ChatMessage[];
      })
      .then((missing) => {
        for (const skipped of missing) {
          if (firstSight && skipped.sentAt.getTime() < this.startedAt) continue;
          if (skipped.seq > (this.lastSeq.get(message.conversation) ?? 0)) this.advance(skipped, recipients);
        }
        this.advance(message, recipients);
      });
  }

  private advance(message: ChatMessage, recipients: readonly string[]): void {
    if (this.lastSeq.size >= MAX_TRACKED && !this.lastSeq.has(message.conversation)) this.lastSeq.clear();
    this.lastSeq.set(message.conversation, message.seq);
    for (const userId of recipients) for (const session of this.sessionsByUser.get(userId) ?? []) session.deliver(message);
  }

  private toUsers(recipients: readonly string[], frame: object): void {
    const text = JSON.stringify(frame);
    for (const userId of recipients) for (const session of this.sessionsByUser.get(userId) ?? []) session.send(text);
  }
}

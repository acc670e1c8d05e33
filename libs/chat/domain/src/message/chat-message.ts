import { emptyMessage, invalidClientMessageId, messageTooLarge } from '../errors/chat-errors';
import { VersionedAggregate } from '@mosaic/kit-core';
import type { ChatDomainEvent } from '../events/chat-events';

/** The largest message text, in bytes of UTF-8. */
export const MAX_MESSAGE_BYTES = 4096;

const CLIENT_MESSAGE_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const utf8 = new TextEncoder();

/** A stored message: `seq` is its place in its conversation, 1, 2, 3… with no reuse. */
export interface ChatMessage {
  readonly id: string;
  readonly conversation: string;
  readonly seq: number;
  readonly senderId: string;
  readonly text: string;
  readonly clientMessageId: string | null;
  readonly sentAt: Date;
}

/** A message before storage gives it its sequence. */
export interface NewMessage {
  readonly id: string;
  readonly conversation: string;
  readonly senderId: string;
  readonly text: string;
  readonly clientMessageId: string | null;
  readonly sentAt: Date;
}

/** A message being composed: its text and client id checked, its sending recorded; its sender owns it. */
export class OutgoingMessage extends VersionedAggregate<ChatDomainEvent> {
  private constructor(readonly draft: NewMessage) {
    super({ version: 0, ownerId: draft.senderId });
  }

  static compose(input: { id: string; conversation: string; senderId: string; text: string; clientMessageId?: string | null; now: Date }): OutgoingMessage {
    if (input.text.trim().length === 0) throw emptyMessage();
    if (utf8.encode(input.text).length > MAX_MESSAGE_BYTES) throw messageTooLarge(MAX_MESSAGE_BYTES);
    const clientMessageId = input.clientMessageId ?? null;
    if (clientMessageId !== null && !CLIENT_MESSAGE_ID.test(clientMessageId)) throw invalidClientMessageId();
    const message = new OutgoingMessage({
      id: input.id,
      conversation: input.conversation,
      senderId: input.senderId,
      text: input.text,
      clientMessageId,
      sentAt: input.now,
    });
    message.record({ type: 'message.sent', messageId: input.id, conversation: input.conversation, senderId: input.senderId, at: input.now });
    return message;
  }
}

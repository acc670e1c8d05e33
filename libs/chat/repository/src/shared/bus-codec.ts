import type { ChatBusEvent } from '@mosaic/chat-domain';

/** Bus events travel as JSON; a message's `sentAt` comes back as a Date. */
export function encodeBusEvent(event: ChatBusEvent): string {
  return JSON.stringify(event);
}

export function decodeBusEvent(value: unknown): ChatBusEvent {
  const event = (typeof value === 'string' ? JSON.parse(value) : value) as ChatBusEvent;
  if (event.kind === 'message') return { ...event, message: { ...event.message, sentAt: new Date(event.message.sentAt) } };
  return event;
}

import type { ChatBus, ChatBusEvent, ChatBusSubscription } from '@mosaic/chat-domain';

/** Fan-out inside one process: every subscriber gets each event, synchronously, in publish order. */
export class MemoryChatBus implements ChatBus {
  private readonly handlers = new Set<(event: ChatBusEvent) => void>();

  async publish(_key: string, event: ChatBusEvent): Promise<void> {
    for (const handler of this.handlers) handler(event);
  }

  async subscribe(handler: (event: ChatBusEvent) => void): Promise<ChatBusSubscription> {
    this.handlers.add(handler);
    return { close: async () => void this.handlers.delete(handler) };
  }
}

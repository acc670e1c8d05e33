import type { ChatBus, ChatBusEvent } from '@mosaic/chat-domain';
import { describe, expect, it } from 'vitest';
import { usePort, type PortFactory } from './port-fixture';

const message = (seq: number): ChatBusEvent => ({
  kind: 'message',
  recipients: ['a', 'b'],
  message: {
    id: String(1000 + seq),
    conversation: 'friend:a:b',
    seq,
    senderId: 'a',
    text: `m${seq}`,
    clientMessageId: null,
    sentAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
  },
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
}

export function chatBusContract(factory: PortFactory<ChatBus>): void {
  describe(`ChatBus contract [${factory.name}]`, () => {
    const bus = usePort(factory);

    it('gives every subscriber every event of a conversation in publish order, as published', async () => {
      const first: ChatBusEvent[] = [];
      const second: ChatBusEvent[] = [];
      const subscriptions = [await bus().subscribe((e) => first.push(e)), await bus().subscribe((e) => second.push(e))];
      const events = Array.from({ length: 20 }, (_, i) => message(i + 1));
      for (const event of events) await bus().publish('friend:a:b', event);
      const presence: ChatBusEvent = { kind: 'presence', recipients: ['b'], userId: 'a', online: true };
      await bus().publish('a', presence);
      await until(() => first.length >= 21 && second.length >= 21);
      for (const received of [first, second]) {
        expect(received.filter((e) => e.kind === 'message')).toEqual(events);
        expect(received).toContainEqual(presence);
      }
      for (const subscription of subscriptions) await subscription.close();
    });
  });
}

import type { ReceivedMessage } from '../lib/message';
import type { MessageContext, MessageHandler } from '../lib/ports';

// Real brokers take seconds to join a group; this only bounds a wait for something
// that should happen, so a broken backend fails with a message instead of hanging.
const WAIT_LIMIT_MS = 45_000;

export interface Delivery {
  readonly message: ReceivedMessage;
  readonly attempt: number;
  /** The JSON value's `id`, which every contract test message carries. */
  readonly id: string;
}

/** Records what a consumer was handed, in order, and lets a test wait for it. */
export class Inbox {
  readonly deliveries: Delivery[] = [];

  /** Records every delivery, then runs `behaviour` (which may throw to fail the attempt). */
  handler(behaviour?: (message: ReceivedMessage, context: MessageContext, id: string) => Promise<void> | void): MessageHandler {
    return async (message, context) => {
      const id = idOf(message);
      this.deliveries.push({ message, attempt: context.attempt, id });
      await behaviour?.(message, context, id);
    };
  }

  ids(): string[] {
    return this.deliveries.map((delivery) => delivery.id);
  }

  async waitForCount(count: number): Promise<void> {
    await waitUntil(
      () => this.deliveries.length >= count,
      () => `${count} deliveries, got ${this.deliveries.length}: ${this.ids().join(', ')}`,
    );
  }

  async waitForIds(ids: readonly string[]): Promise<void> {
    await waitUntil(
      () => ids.every((id) => this.deliveries.some((delivery) => delivery.id === id)),
      () => `deliveries of ${ids.join(', ')}, got ${this.ids().join(', ')}`,
    );
  }
}

export function idOf(message: ReceivedMessage): string {
  const value = message.json<{ id?: unknown }>();
  return typeof value?.id === 'string' ? value.id : `<no id at ${message.topic}/${message.partition}@${message.offset}>`;
}

export async function waitUntil(condition: () => boolean, expected: () => string): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${expected()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A promise a test opens by hand, to hold a handler in flight. */
export class Gate {
  private opener: () => void = () => undefined;
  readonly opened = new Promise<void>((resolve) => {
    this.opener = resolve;
  });

  open(): void {
    this.opener();
  }
}

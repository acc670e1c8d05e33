import type { ChatBus, ChatBusEvent, ChatBusSubscription } from '@mosaic/chat-domain';
import type { RedisClient } from '@mosaic/kit-cache';
import type { Logger } from '@mosaic/kit-log';
import { backendCall } from '../shared/backend-call';
import { decodeBusEvent, encodeBusEvent } from '../shared/bus-codec';

/**
 * Fan-out through Redis pub/sub on one channel: every subscribed instance gets every
 * event, in the order Redis received them. An instance that is not subscribed misses
 * what is published meanwhile; clients recover it with `resume`.
 */
export class RedisChatBus implements ChatBus {
  private readonly channel: string;

  constructor(
    private readonly redis: RedisClient,
    namespace: string,
    private readonly logger?: Logger,
  ) {
    this.channel = `${namespace}:fanout`;
  }

  publish(_key: string, event: ChatBusEvent): Promise<void> {
    return backendCall('fan-out', async () => {
      await this.redis.publish(this.channel, encodeBusEvent(event));
    });
  }

  async subscribe(handler: (event: ChatBusEvent) => void): Promise<ChatBusSubscription> {
    // A subscribed connection can do nothing else, so it is a connection of its own.
    const subscriber = this.redis.duplicate();
    subscriber.on('error', (error: Error) => this.logger?.warn({ err: error }, 'chat fan-out subscriber error'));
    subscriber.on('message', (channel: string, text: string) => {
      if (channel !== this.channel) return;
      try {
        handler(decodeBusEvent(text));
      } catch (error) {
        this.logger?.warn({ err: error }, 'dropping an unreadable fan-out event');
      }
    });
    // The shared client connects lazily and queues nothing offline, and so does its
    // duplicate: connect it first, or SUBSCRIBE finds no stream to write to.
    await backendCall('fan-out', async () => {
      if (subscriber.status === 'wait') await subscriber.connect();
      await subscriber.subscribe(this.channel);
    }).catch((error: unknown) => {
      subscriber.disconnect();
      throw error;
    });
    return {
      close: async () => {
        await subscriber.quit().catch(() => subscriber.disconnect());
      },
    };
  }
}

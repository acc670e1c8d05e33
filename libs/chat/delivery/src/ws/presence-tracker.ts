import type { ChatUseCases } from '@mosaic/chat-usecase';
import type { Logger } from '@mosaic/kit-log';

/**
 * Presence as this instance holds it: a user's first local socket marks them online,
 * the last one closing marks them offline (several tabs count once), and a heartbeat
 * renews the hold and sweeps holds of instances that died. Per user, changes are
 * applied in the order they happened.
 */
export class PresenceTracker {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly useCases: Pick<ChatUseCases, 'connectUser' | 'disconnectUser' | 'keepPresence'>,
    private readonly instance: string,
    heartbeatMs: number,
    private readonly localUsers: () => string[],
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(() => void this.beat(), heartbeatMs);
    this.timer.unref();
  }

  connected(userId: string): void {
    this.serial(userId, () => this.useCases.connectUser.execute({ userId, instance: this.instance }));
  }

  disconnected(userId: string): void {
    this.serial(userId, () => this.useCases.disconnectUser.execute({ userId, instance: this.instance }));
  }

  async beat(): Promise<void> {
    try {
      await this.useCases.keepPresence.execute({ instance: this.instance, userIds: this.localUsers() });
    } catch (error) {
      this.logger.warn({ err: error }, 'presence heartbeat failed');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all([...this.chains.values()]);
  }

  private serial(userId: string, step: () => Promise<void>): void {
    const previous = this.chains.get(userId) ?? Promise.resolve();
    const next = previous.then(step).catch((error: unknown) => this.logger.warn({ err: error, userId }, 'presence update failed'));
    this.chains.set(userId, next);
    void next.finally(() => {
      if (this.chains.get(userId) === next) this.chains.delete(userId);
    });
  }
}

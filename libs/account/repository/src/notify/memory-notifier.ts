import type { Notification, Notifier } from '@mosaic/account-domain';

/**
 * Keeps what was sent, dropping a resend of the same notification id as an SMS gateway
 * with a dedupe key does. `attempts` counts every call, resends included.
 */
export class MemoryNotifier implements Notifier {
  readonly sent: Notification[] = [];
  attempts = 0;
  private readonly ids = new Set<string>();

  async send(notification: Notification): Promise<void> {
    this.attempts++;
    if (this.ids.has(notification.id)) return;
    this.ids.add(notification.id);
    this.sent.push(notification);
  }

  to(userId: string): Notification[] {
    return this.sent.filter((notification) => notification.userId === userId);
  }
}

import type { Notification, Notifier } from '@mosaic/account-domain';

export interface NotificationLogger {
  info(fields: Record<string, unknown>, message: string): void;
}

/**
 * The embedded default "SMS gateway": writes each message to the log. A real gateway
 * adapter implements the same port and passes `notification.id` as its dedupe key.
 */
export class LogNotifier implements Notifier {
  constructor(private readonly logger: NotificationLogger) {}

  async send(notification: Notification): Promise<void> {
    this.logger.info(
      { notificationId: notification.id, userId: notification.userId, eventType: notification.eventType, text: notification.text },
      'notification sent',
    );
  }
}

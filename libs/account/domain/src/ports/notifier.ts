/** A message to a user about their accounts: the seed's "SMS". */
export interface Notification {
  /** Unique per message; a gateway uses it to drop a resend of the same message. */
  readonly id: string;
  readonly userId: string;
  readonly eventType: string;
  readonly text: string;
}

export interface Notifier {
  send(notification: Notification): Promise<void>;
}

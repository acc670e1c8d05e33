import type { Role } from '../user/user';

interface UserEventBase {
  readonly userId: string;
  readonly occurredAt: Date;
}

/**
 * What happened to an account, recorded by the `User` aggregate itself and handed to
 * a `UserEventSink` once the change is stored. They are an audit trail (who became an
 * admin, when a password changed) for operators; no other domain acts on them, so they
 * are not written through an outbox. One that must reach another domain would be.
 */
export type UserEvent =
  | (UserEventBase & { readonly type: 'user.registered'; readonly email: string; readonly roles: readonly string[] })
  | (UserEventBase & { readonly type: 'user.password-changed' })
  | (UserEventBase & { readonly type: 'user.role-granted' | 'user.role-revoked'; readonly role: Role });

export interface UserEventSink {
  record(event: UserEvent): void;
}

export const ignoreUserEvents: UserEventSink = { record: () => undefined };

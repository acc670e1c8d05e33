import type { UserEvent, UserEventSink } from '@mosaic/auth-domain';
import type { Logger } from '@mosaic/kit-log';

const MESSAGES: Record<UserEvent['type'], string> = {
  'user.registered': 'user registered',
  'user.password-changed': 'password changed: other sessions ended',
  'user.role-granted': 'role granted',
  'user.role-revoked': 'role revoked',
};

/**
 * Writes what users recorded to the structured log, as the audit trail of accounts:
 * registrations, password changes and role changes (with the request id of the request
 * that made them). Never a password hash: the events carry none.
 */
export function userEventLog(logger: Logger): UserEventSink {
  const log = logger.child({ component: 'auth-users' });
  return {
    record(event: UserEvent) {
      log.info({ event }, MESSAGES[event.type]);
    },
  };
}

import type { SecurityEvent, SecurityEventSink } from '@mosaic/auth-domain';
import type { Logger } from '@mosaic/kit-log';

/**
 * Writes auth security events to the structured log (with the request id of the
 * request that caused them). Reuse of a refresh token means a stolen session and is
 * logged as an error; failed and limited attempts are warnings.
 */
export function securityEventLog(logger: Logger): SecurityEventSink {
  const log = logger.child({ component: 'auth-security' });
  return {
    record(event: SecurityEvent) {
      if (event.type === 'refresh_token_reused') log.error({ event }, 'refresh token reused: session revoked');
      else if (event.type === 'attempts_limited') log.warn({ event }, `${event.action} attempts limited by ${event.scope}`);
      else log.warn({ event }, 'login failed');
    },
  };
}

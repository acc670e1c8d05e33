import { Writable } from 'node:stream';
import { createLogger } from '@mosaic/kit-log';
import { describe, expect, it } from 'vitest';
import { securityEventLog } from './security-event-log';
import { userEventLog } from './user-event-log';

/** A logger writing JSON lines into `lines`. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const summary = () => lines.map(({ level, msg, component, event }) => ({ level, msg, component, type: (event as { type: string }).type }));
  return { logger: createLogger({ name: 'auth', pretty: false, destination }), lines, summary };
}

describe('securityEventLog', () => {
  it('logs reuse as an error and failures as warnings, with the whole event', () => {
    const { logger, summary } = capturingLogger();
    const sink = securityEventLog(logger);
    sink.record({ type: 'refresh_token_reused', userId: '1', familyId: '2', ip: '198.51.100.1' });
    sink.record({ type: 'login_failed', reason: 'unknown_email', email: 'a@example.com' });
    sink.record({ type: 'attempts_limited', action: 'login', scope: 'ip', email: 'a@example.com', ip: '198.51.100.1' });
    expect(summary()).toEqual([
      { level: 50, msg: 'refresh token reused: session revoked', component: 'auth-security', type: 'refresh_token_reused' },
      { level: 40, msg: 'login failed', component: 'auth-security', type: 'login_failed' },
      { level: 40, msg: 'login attempts limited by ip', component: 'auth-security', type: 'attempts_limited' },
    ]);
  });
});

describe('userEventLog', () => {
  it('logs what users recorded as information, with the whole event', () => {
    const { logger, lines, summary } = capturingLogger();
    const sink = userEventLog(logger);
    const occurredAt = new Date('2026-01-01T00:00:00Z');
    sink.record({ type: 'user.registered', userId: '1', email: 'a@example.com', roles: ['user'], occurredAt });
    sink.record({ type: 'user.password-changed', userId: '1', occurredAt });
    sink.record({ type: 'user.role-granted', userId: '1', role: 'admin', occurredAt });
    sink.record({ type: 'user.role-revoked', userId: '1', role: 'admin', occurredAt });
    expect(summary()).toEqual([
      { level: 30, msg: 'user registered', component: 'auth-users', type: 'user.registered' },
      { level: 30, msg: 'password changed: other sessions ended', component: 'auth-users', type: 'user.password-changed' },
      { level: 30, msg: 'role granted', component: 'auth-users', type: 'user.role-granted' },
      { level: 30, msg: 'role revoked', component: 'auth-users', type: 'user.role-revoked' },
    ]);
    expect(lines[2].event).toEqual({ type: 'user.role-granted', userId: '1', role: 'admin', occurredAt: '2026-01-01T00:00:00.000Z' });
  });
});

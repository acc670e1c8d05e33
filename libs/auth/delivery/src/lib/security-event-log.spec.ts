import { Writable } from 'node:stream';
import { createLogger } from '@mosaic/kit-log';
import { describe, expect, it } from 'vitest';
import { securityEventLog } from './security-event-log';

describe('securityEventLog', () => {
  it('logs reuse as an error and failures as warnings, with the whole event', () => {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()));
        done();
      },
    });
    const sink = securityEventLog(createLogger({ name: 'auth', pretty: false, destination }));
    sink.record({ type: 'refresh_token_reused', userId: '1', familyId: '2', ip: '198.51.100.1' });
    sink.record({ type: 'login_failed', reason: 'unknown_email', email: 'a@example.com' });
    sink.record({ type: 'attempts_limited', action: 'login', scope: 'ip', email: 'a@example.com', ip: '198.51.100.1' });
    expect(lines.map(({ level, msg, component, event }) => ({ level, msg, component, type: (event as { type: string }).type }))).toEqual([
      { level: 50, msg: 'refresh token reused: session revoked', component: 'auth-security', type: 'refresh_token_reused' },
      { level: 40, msg: 'login failed', component: 'auth-security', type: 'login_failed' },
      { level: 40, msg: 'login attempts limited by ip', component: 'auth-security', type: 'attempts_limited' },
    ]);
  });
});

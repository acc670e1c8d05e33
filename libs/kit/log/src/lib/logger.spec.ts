import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, runWithRequestContext } from '../index';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()));
      callback();
    },
  });
  return { lines, logger: createLogger({ name: 'test', destination, pretty: false }) };
}

describe('createLogger', () => {
  it('writes JSON with the request id and trace id of the current request', () => {
    const { lines, logger } = capture();
    runWithRequestContext({ requestId: 'req-1', traceId: 'a'.repeat(32) }, () => logger.info({ path: '/x' }, 'handled'));
    expect(lines[0]).toMatchObject({ name: 'test', msg: 'handled', path: '/x', requestId: 'req-1', traceId: 'a'.repeat(32) });
  });

  it('adds no request fields outside a request', () => {
    const { lines, logger } = capture();
    logger.warn('starting');
    expect(lines[0]).not.toHaveProperty('requestId');
    expect(lines[0]).toMatchObject({ level: 40, msg: 'starting' });
  });

  it('serialises errors with their stack', () => {
    const { lines, logger } = capture();
    logger.error({ err: new Error('boom') }, 'failed');
    expect((lines[0]!.err as { stack: string }).stack).toContain('boom');
  });
});

import { isAppError } from '@mosaic/kit-core';
import { createTestDatabase, describeWithBackend, stallUntilAnswered, startTcpProxy, type TestDatabase } from '@mosaic/kit-testing';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createMysqlPool, type MysqlPoolHandle, type MysqlPoolOptions } from './create-mysql-pool';

const outcomeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (isAppError(error) ? `${error.code} ${error.status}` : String(error)),
  );

/** One turn of the event loop: what is queued runs (a statement is written), the socket is not read yet. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Every timer kit-db arms — waiting for a free connection, the readiness query's timeout,
 * opening a connection — against a process that stalls while the server's answer is on
 * its way. When the loop resumes, the timer and the answer are both due, and timers run
 * before sockets are read: the timer must not fail what the server already answered.
 * A server that truly answers nothing must still time out.
 */
describeWithBackend('mysql', 'MySQL timers after a stalled event loop', (backend) => {
  let database: TestDatabase;
  const handles: MysqlPoolHandle[] = [];
  const pool = (options: MysqlPoolOptions, url = database.url) => {
    const handle = createMysqlPool(url, options);
    handles.push(handle);
    return handle;
  };
  const closePools = async () => {
    for (const handle of handles.splice(0)) await handle.resource.close();
  };
  beforeAll(async () => {
    database = await createTestDatabase(backend.url(), 'kitdb_stall');
  });
  afterEach(closePools);
  afterAll(() => database?.drop());
  /** A starved process: nothing else runs, far past every timeout below, until the server has answered. */
  const stallEventLoop = (atLeastMs = 300) => stallUntilAnswered(database.url, atLeastMs);

  it('hands a connection released during the stall to the statement waiting for it', async () => {
    const { pool: onlyOne } = pool({ connectionLimit: 1, acquireTimeoutMs: 50 });
    const held = await onlyOne.getConnection();
    // Idle: the session set-up statements of a new connection are answered.
    await held.query('SELECT 0');
    // The one connection runs a statement; it is released when its reply is read.
    const first = held.query('SELECT 1').finally(() => held.release());
    const waiting = outcomeOf(onlyOne.query('SELECT 2'));
    stallEventLoop();
    await first;
    expect(await waiting).toBe('resolved');
  });

  it('still times out a statement waiting for a connection that nobody releases', async () => {
    const { pool: onlyOne } = pool({ connectionLimit: 1, acquireTimeoutMs: 50 });
    const held = await onlyOne.getConnection();
    try {
      expect(await outcomeOf(onlyOne.query('SELECT 2'))).toBe('backend_unavailable 503');
    } finally {
      held.release();
    }
  });

  it('reports ready when the readiness query was answered during the stall', async () => {
    const { resource } = pool({ checkTimeoutMs: 50 });
    await resource.check();
    const check = outcomeOf(resource.check());
    await nextTurn();
    stallEventLoop();
    expect(await check).toBe('resolved');
  });

  it('opens a connection whose handshake the server answered during the stall', async () => {
    // Each step of the handshake after the stall has a whole second, however loaded the machine.
    const { pool: fresh } = pool({ connectTimeoutMs: 1000 });
    const opening = outcomeOf(fresh.query('SELECT 1'));
    // The socket connects on the next turn; the server's greeting (or its answer to the
    // login, if the greeting came at once) then arrives during the stall.
    await nextTurn();
    stallEventLoop(1200);
    expect(await opening).toBe('resolved');
  });

  it('still fails the readiness query, and the opening of a connection, when the server answers nothing', async () => {
    const proxy = await startTcpProxy(database.url);
    try {
      const { resource } = pool({ connectTimeoutMs: 100, checkTimeoutMs: 100 }, proxy.rewrite(database.url));
      await resource.check();
      proxy.stall();
      await expect(resource.check()).rejects.toThrow(/not reachable/);
      const { pool: fresh } = pool({ connectTimeoutMs: 100 }, proxy.rewrite(database.url));
      expect(await outcomeOf(fresh.query('SELECT 1'))).toBe('backend_unavailable 503');
    } finally {
      // The server's answers go through again before the pools close, so they close cleanly.
      await proxy.restore();
      await closePools();
      await proxy.close();
    }
  });
});

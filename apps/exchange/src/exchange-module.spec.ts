import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuthModule } from '@mosaic/auth-module';
import { createTestAppContext } from '@mosaic/kit-app';
import { createLogger } from '@mosaic/kit-log';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createExchangeModule } from '@mosaic/exchange-module';

describe('createExchangeModule', () => {
  it('opens the journal under EXCHANGE_DATA_DIR, lists the default markets and refuses a second writer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'exchange-module-'));
    const context = await createTestAppContext({ EXCHANGE_DATA_DIR: dir });
    const auth = await createAuthModule(context);
    const exchange = await createExchangeModule(context, { users: auth.useCases });
    try {
      expect(exchange.useCases.reads.products().map((product) => product.id)).toEqual(['BTC-USDT', 'ETH-USDT']);
      await expect(createExchangeModule(context, { users: auth.useCases })).rejects.toThrow();
    } finally {
      for (const resource of [...exchange.resources].reverse()) await resource.close();
      await auth.resource.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stops the start naming a malformed EXCHANGE_TEST_DEPOSITS', async () => {
    const context = await createTestAppContext({ EXCHANGE_TEST_DEPOSITS: 'yes' });
    const auth = await createAuthModule(context);
    await expect(createExchangeModule(context, { users: auth.useCases })).rejects.toThrow('EXCHANGE_TEST_DEPOSITS');
    await auth.resource.close();
  });
});

describe('self-service test funds by default', () => {
  /** The module as a process with `env` starts it: its warnings, its page, and whether a plain user may fund themselves. */
  async function started(env: NodeJS.ProcessEnv) {
    const dir = await mkdtemp(join(tmpdir(), 'exchange-module-'));
    const warnings: string[] = [];
    const base = await createTestAppContext({ EXCHANGE_DATA_DIR: dir, ...env });
    const logger = createLogger({ name: 'test', level: 'warn', pretty: false, destination: { write: (line: string) => void warnings.push(line) } });
    const auth = await createAuthModule(base);
    const exchange = await createExchangeModule({ ...base, logger }, { users: auth.useCases });
    try {
      const page = await request(express().use(exchange.page)).get('/');
      const deposit = exchange.useCases.transferFunds.execute({
        caller: { id: 'newcomer', roles: [] },
        currency: 'USDT',
        amount: '10000',
        direction: 'deposit',
      });
      return {
        warnings: warnings.map((line) => (JSON.parse(line) as { msg: string }).msg),
        pageSays: /data-test-deposits="(\w+)"/.exec(page.text)?.[1],
        selfDeposit: await deposit.then(
          (funds) => funds.available,
          (error: Error) => error.message,
        ),
      };
    } finally {
      for (const resource of [...exchange.resources].reverse()) await resource.close();
      await auth.resource.close();
      await rm(dir, { recursive: true, force: true });
    }
  }

  it('are on for `npm start` on the embedded default, with a warning, and the page offers them', async () => {
    const run = await started({});
    expect(run.selfDeposit).toBe('10000');
    expect(run.pageSays).toBe('true');
    expect(run.warnings).toEqual([
      expect.stringMatching(/^test deposits on: any signed-in user can fund their own exchange balances; set EXCHANGE_TEST_DEPOSITS=false/),
    ]);
  }, 30_000);

  it('are off in production, silently, and the page does not offer them', async () => {
    const run = await started({ NODE_ENV: 'production' });
    expect(run.selfDeposit).toBe('Only an admin may deposit or withdraw funds');
    expect(run.pageSays).toBe('false');
    expect(run.warnings).toEqual([]);
  }, 30_000);
});

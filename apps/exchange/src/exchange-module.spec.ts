import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAuthModule } from '@mosaic/auth-module';
import { createTestAppContext } from '@mosaic/kit-app';
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

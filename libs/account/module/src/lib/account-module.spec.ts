import { createTestAppContext } from '@mosaic/kit-app';
import { describe, expect, it } from 'vitest';
import { createAccountModule } from './account-module';

describe('createAccountModule', () => {
  it('wires the domain on the embedded default and reports its relay and consumer', async () => {
    const context = await createTestAppContext({ ACCOUNT_TEST_DEPOSITS: 'true' });
    const account = await createAccountModule(context);
    expect(account.adapters.backend).toBe('memory');
    expect(account.resources.map((resource) => resource.name)).toEqual(expect.arrayContaining(['account-outbox-relay', 'account-notifications']));
    for (const resource of [...account.resources].reverse()) await resource.close();
    for (const resource of context.backends.resources) await resource.close();
  });

  it('stops the start naming a malformed ACCOUNT_TEST_DEPOSITS', async () => {
    await expect(createAccountModule(await createTestAppContext({ ACCOUNT_TEST_DEPOSITS: 'yes' }))).rejects.toThrow('ACCOUNT_TEST_DEPOSITS');
  });
});

import { loadConfig } from '@mosaic/kit-config';
import { z } from 'zod';

/** The account domain's own variables, on top of the server's (PORT, MYSQL_URL, KAFKA_BROKERS, …). */
export const accountSettingsShape = {
  /** "true": owners may deposit into their own accounts (demos, tests). Unset: on only when NODE_ENV=test. */
  ACCOUNT_TEST_DEPOSITS: z.enum(['true', 'false']).optional(),
  NODE_ENV: z.string().optional(),
};

export interface AccountSettings {
  allowTestDeposits: boolean;
}

export function loadAccountSettings(env: NodeJS.ProcessEnv): AccountSettings {
  const config = loadConfig(accountSettingsShape, env);
  return { allowTestDeposits: config.ACCOUNT_TEST_DEPOSITS === undefined ? config.NODE_ENV === 'test' : config.ACCOUNT_TEST_DEPOSITS === 'true' };
}

import { loadConfig } from '@mosaic/kit-config';
import { z } from 'zod';

/** The flash sale's own variables, on top of the server's (PORT, MYSQL_URL, REDIS_URL, …). */
export const flashsaleSettingsShape = {
  /** How often the gate is reconciled with the store of record; default 5,000 ms. */
  FLASHSALE_RECONCILE_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
  /** How often the scheduler makes sure the current and next sales exist; default 60,000 ms. */
  FLASHSALE_SCHEDULE_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
};

export interface FlashsaleSettings {
  reconcileMs: number;
  scheduleMs: number;
}

export function loadFlashsaleSettings(env: NodeJS.ProcessEnv): FlashsaleSettings {
  const config = loadConfig(flashsaleSettingsShape, env);
  return { reconcileMs: config.FLASHSALE_RECONCILE_MS ?? 5_000, scheduleMs: config.FLASHSALE_SCHEDULE_MS ?? 60_000 };
}

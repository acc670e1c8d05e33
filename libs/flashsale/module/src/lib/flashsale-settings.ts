import { loadConfig } from '@mosaic/kit-config';
import { z } from 'zod';

/** The flash sale's own variables, on top of the server's (PORT, MYSQL_URL, REDIS_URL, …). */
export const flashsaleSettingsShape = {
  /** How often the gate is reconciled with the store of record; default 5,000 ms. */
  FLASHSALE_RECONCILE_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
  /** How often the scheduler makes sure the current and next sales exist; default 60,000 ms. */
  FLASHSALE_SCHEDULE_MS: z.coerce.number().int().min(100).max(3_600_000).optional(),
  /** Items in each new sale; default 10,000 (fewer for demos and tests). */
  FLASHSALE_ITEMS: z.coerce.number().int().min(1).max(10_000).optional(),
  /** Prefix of the gate's Redis keys; default `flashsale`. */
  FLASHSALE_REDIS_NAMESPACE: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,100}$/)
    .optional(),
  /**
   * For demos and tests: the sale clock starts at this instant (ISO 8601) when the process
   * starts and runs at normal speed from there. Unset: the system clock.
   */
  FLASHSALE_TIME_ORIGIN: z.iso.datetime().optional(),
};

export interface FlashsaleSettings {
  reconcileMs: number;
  scheduleMs: number;
  itemsPerSale?: number;
  redisNamespace?: string;
  timeOrigin?: Date;
}

export function loadFlashsaleSettings(env: NodeJS.ProcessEnv): FlashsaleSettings {
  const config = loadConfig(flashsaleSettingsShape, env);
  return {
    reconcileMs: config.FLASHSALE_RECONCILE_MS ?? 5_000,
    scheduleMs: config.FLASHSALE_SCHEDULE_MS ?? 60_000,
    itemsPerSale: config.FLASHSALE_ITEMS,
    redisNamespace: config.FLASHSALE_REDIS_NAMESPACE,
    timeOrigin: config.FLASHSALE_TIME_ORIGIN === undefined ? undefined : new Date(config.FLASHSALE_TIME_ORIGIN),
  };
}

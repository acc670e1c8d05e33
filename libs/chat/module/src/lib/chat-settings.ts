import { loadConfig } from '@mosaic/kit-config';
import { z } from 'zod';

/** The chat domain's own variables, on top of the server's (PORT, MONGO_URL, MYSQL_URL, REDIS_URL, KAFKA_BROKERS, …). */
export const chatSettingsShape = {
  /** How long a user stays online after their instance last renewed them (an instance that dies stops renewing). */
  CHAT_PRESENCE_TTL_MS: z.coerce.number().int().min(500).default(30_000),
  /** How often an instance renews its users and sweeps expired ones; well under the TTL. */
  CHAT_PRESENCE_HEARTBEAT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Frames a socket may send per second, and at once. */
  CHAT_RATE_PER_SECOND: z.coerce.number().int().min(1).default(20),
  CHAT_RATE_BURST: z.coerce.number().int().min(1).default(30),
  /** Where instances fan messages out: the Kafka topic, and the Redis key prefix (presence, pub/sub). */
  CHAT_FANOUT_TOPIC: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,200}$/)
    .default('chat.fanout'),
  CHAT_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/)
    .default('chat'),
};

export interface ChatSettings {
  presenceTtlMs: number;
  presenceHeartbeatMs: number;
  ratePerSecond: number;
  rateBurst: number;
  fanoutTopic: string;
  redisPrefix: string;
}

export function loadChatSettings(env: NodeJS.ProcessEnv): ChatSettings {
  const config = loadConfig(chatSettingsShape, env);
  return {
    presenceTtlMs: config.CHAT_PRESENCE_TTL_MS,
    presenceHeartbeatMs: Math.min(config.CHAT_PRESENCE_HEARTBEAT_MS, Math.floor(config.CHAT_PRESENCE_TTL_MS / 2)),
    ratePerSecond: config.CHAT_RATE_PER_SECOND,
    rateBurst: config.CHAT_RATE_BURST,
    fanoutTopic: config.CHAT_FANOUT_TOPIC,
    redisPrefix: config.CHAT_REDIS_PREFIX,
  };
}

import { redactUrl } from '@mosaic/kit-core';
import { z } from 'zod';
import { loadConfig } from './load-config';

/**
 * Which real backends this process uses, chosen by the presence of their URL.
 * An absent variable means the embedded default (in memory, plus files under
 * DATA_DIR where a domain needs durability); a present but malformed one stops
 * the start with a message naming it.
 */
export interface BackendUrls {
  mysql?: string;
  redis?: string;
  kafkaBrokers?: string[];
  mongo?: string;
}

const urlWithScheme = (schemes: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (value) => {
        try {
          return schemes.includes(new URL(value).protocol.replace(':', ''));
        } catch {
          return false;
        }
      },
      `must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`,
    );

const brokerList = z
  .string()
  .trim()
  .refine((value) => value.split(',').every((broker) => /^[A-Za-z0-9.-]+:\d{1,5}$/.test(broker.trim())), 'must be a comma-separated list of host:port');

const emptyAsUnset = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export function backendUrlsFromEnv(env: Record<string, string | undefined> = process.env): BackendUrls {
  const config = loadConfig(
    {
      MYSQL_URL: emptyAsUnset(urlWithScheme(['mysql'])),
      REDIS_URL: emptyAsUnset(urlWithScheme(['redis', 'rediss'])),
      KAFKA_BROKERS: emptyAsUnset(brokerList),
      MONGO_URL: emptyAsUnset(urlWithScheme(['mongodb', 'mongodb+srv'])),
    },
    env,
  );
  return {
    mysql: config.MYSQL_URL as string | undefined,
    redis: config.REDIS_URL as string | undefined,
    kafkaBrokers: (config.KAFKA_BROKERS as string | undefined)?.split(',').map((broker) => broker.trim()),
    mongo: config.MONGO_URL as string | undefined,
  };
}

/** A one-line description for start-up logs, without credentials. */
export function describeBackends(urls: BackendUrls): string {
  const parts = [
    `mysql=${urls.mysql ? redactUrl(urls.mysql) : 'embedded'}`,
    `redis=${urls.redis ? redactUrl(urls.redis) : 'embedded'}`,
    `kafka=${urls.kafkaBrokers?.join(',') ?? 'embedded'}`,
    `mongo=${urls.mongo ? redactUrl(urls.mongo) : 'embedded'}`,
  ];
  return parts.join(' ');
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allowedHostsOf, backendUrlsFromEnv, ConfigError, describeBackends, loadConfig, loadServerConfig } from '../index';

function problemsOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadServerConfig', () => {
  it('applies defaults for an empty environment', () => {
    expect(loadServerConfig({})).toMatchObject({ PORT: 3000, LOG_LEVEL: 'info', DATA_DIR: './data', NODE_ENV: 'development' });
  });

  it('names the variable that is wrong', () => {
    expect(problemsOf(() => loadServerConfig({ PORT: 'eighty' }))).toContain('PORT');
    expect(problemsOf(() => loadServerConfig({ LOG_LEVEL: 'loud' }))).toContain('LOG_LEVEL');
  });
});

describe('TRUST_PROXY and ALLOWED_HOSTS', () => {
  it.each([
    [undefined, undefined],
    ['true', true],
    ['false', false],
    ['2', 2],
    ['loopback, 10.0.0.0/8', 'loopback, 10.0.0.0/8'],
  ])('reads TRUST_PROXY=%s as express `trust proxy` %s', (value, expected) => {
    expect(loadServerConfig({ TRUST_PROXY: value }).TRUST_PROXY).toEqual(expected);
  });

  it('trusts the listening host and loopback names by default, or exactly ALLOWED_HOSTS', () => {
    expect(allowedHostsOf(loadServerConfig({}))).toEqual(['localhost', '127.0.0.1', '[::1]']);
    expect(allowedHostsOf(loadServerConfig({ HOST: 'app.internal' }))).toEqual(['app.internal', 'localhost', '127.0.0.1', '[::1]']);
    expect(allowedHostsOf(loadServerConfig({ ALLOWED_HOSTS: ' Sho.rt, www.sho.rt:8443 ' }))).toEqual(['sho.rt', 'www.sho.rt:8443']);
    expect(problemsOf(() => loadServerConfig({ ALLOWED_HOSTS: 'evil.example/path' }))).toContain('ALLOWED_HOSTS');
  });
});

describe('loadConfig', () => {
  it('reports every bad variable at once', () => {
    const message = problemsOf(() => loadConfig({ A: z.string(), B: z.coerce.number() }, { B: 'x' }));
    expect(message).toContain('A:');
    expect(message).toContain('B:');
  });
});

describe('backendUrlsFromEnv', () => {
  it('chooses the embedded default when nothing is set', () => {
    expect(backendUrlsFromEnv({})).toEqual({ mysql: undefined, redis: undefined, kafkaBrokers: undefined, mongo: undefined });
  });

  it('reads every backend by the presence of its variable', () => {
    expect(
      backendUrlsFromEnv({
        MYSQL_URL: 'mysql://root@127.0.0.1:3306/test',
        REDIS_URL: 'redis://127.0.0.1:6379',
        KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9092',
        MONGO_URL: 'mongodb://127.0.0.1:27017/test',
      }),
    ).toEqual({
      mysql: 'mysql://root@127.0.0.1:3306/test',
      redis: 'redis://127.0.0.1:6379',
      kafkaBrokers: ['127.0.0.1:9092', 'kafka-2:9092'],
      mongo: 'mongodb://127.0.0.1:27017/test',
    });
  });

  it.each([
    ['MYSQL_URL', 'postgres://localhost/db'],
    ['REDIS_URL', 'localhost:6379'],
    ['KAFKA_BROKERS', 'kafka:abc'],
    ['MONGO_URL', 'http://localhost'],
  ])('fails start naming %s when it is malformed', (variable, value) => {
    expect(problemsOf(() => backendUrlsFromEnv({ [variable]: value }))).toContain(variable);
  });

  it('describes backends without leaking credentials', () => {
    expect(describeBackends({ mysql: 'mysql://app:secret@db:3306/x' })).toContain('mysql=mysql://app:***@db:3306/x');
    expect(describeBackends({})).toContain('kafka=embedded');
  });
});

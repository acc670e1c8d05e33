import { describe, expect, it } from 'vitest';
import { loadExchangeSettings } from './exchange-settings';

const testDeposits = (env: NodeJS.ProcessEnv) => loadExchangeSettings(env, '/tmp/data').selfServiceTransfers;

describe('EXCHANGE_TEST_DEPOSITS', () => {
  const mysql = { MYSQL_URL: 'mysql://root@127.0.0.1:3306/mosaic' };
  const kafka = { KAFKA_BROKERS: '127.0.0.1:9092' };

  it.each([
    ['npm start: no NODE_ENV, embedded default', {}, true],
    ['development on the embedded default', { NODE_ENV: 'development' }, true],
    ['test on the embedded default', { NODE_ENV: 'test' }, true],
    ['empty backend variables count as unset', { MYSQL_URL: '', KAFKA_BROKERS: '' }, true],
    ['production (the Dockerfile)', { NODE_ENV: 'production' }, false],
    ['MySQL configured', mysql, false],
    ['Kafka configured', kafka, false],
    ['test with MySQL (the spec: on under NODE_ENV=test)', { NODE_ENV: 'test', ...mysql }, true],
  ])('unset: %s → %s', (_case, env, expected) => {
    expect(testDeposits(env)).toBe(expected);
  });

  it.each([
    [{ EXCHANGE_TEST_DEPOSITS: 'true', NODE_ENV: 'production', ...mysql, ...kafka }, true],
    [{ EXCHANGE_TEST_DEPOSITS: 'false' }, false],
    [{ EXCHANGE_TEST_DEPOSITS: 'false', NODE_ENV: 'development' }, false],
  ])('an explicit value wins: %o → %s', (env, expected) => {
    expect(testDeposits(env)).toBe(expected);
  });

  it('refuses anything but true or false, naming the variable', () => {
    expect(() => testDeposits({ EXCHANGE_TEST_DEPOSITS: 'yes' })).toThrow('EXCHANGE_TEST_DEPOSITS');
  });
});

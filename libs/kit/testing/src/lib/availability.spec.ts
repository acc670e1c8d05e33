import { describe, expect, it } from 'vitest';
import { availabilityOf, isStrict } from './availability';

describe('availabilityOf', () => {
  it('prefers the URL from the environment', () => {
    expect(availabilityOf('mysql', { MYSQL_URL: 'mysql://root@127.0.0.1:3306/test' })).toEqual({
      mode: 'env',
      url: 'mysql://root@127.0.0.1:3306/test',
    });
  });

  it('falls back to testcontainers when a Docker engine is configured', () => {
    expect(availabilityOf('redis', { DOCKER_HOST: 'unix:///tmp/docker.sock' })).toEqual({ mode: 'testcontainers' });
  });

  it('names the variable to set when nothing is available', () => {
    const result = availabilityOf('kafka', {});
    if (result.mode === 'testcontainers') return; // this machine has a Docker engine
    expect(result).toMatchObject({ mode: 'missing' });
    expect(result.mode === 'missing' && result.reason).toContain('KAFKA_BROKERS');
  });
});

describe('isStrict', () => {
  it('is on under CI only', () => {
    expect(isStrict({ CI: 'true' })).toBe(true);
    expect(isStrict({})).toBe(false);
  });
});

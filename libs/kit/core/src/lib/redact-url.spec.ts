import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it.each([
    ['mysql://app:s3cret@db:3306/x', 'mysql://app:***@db:3306/x'],
    ['redis://:pw@cache:6379', 'redis://:***@cache:6379'],
    ['mongodb://127.0.0.1:27017/test', 'mongodb://127.0.0.1:27017/test'],
    ['mysql://root@127.0.0.1:3306/test', 'mysql://root@127.0.0.1:3306/test'],
  ])('masks the password of %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

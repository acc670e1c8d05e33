import { describe, expect, it } from 'vitest';
import { cookieValue, presentedToken } from './token-sources';

describe('presentedToken', () => {
  it('takes a Bearer header first, in any letter case of the scheme', () => {
    expect(presentedToken({ authorization: 'bearer abc', cookie: 'accessToken=def' })).toEqual({ token: 'abc', source: 'header' });
  });

  it('falls back to the cookie, and leaves other schemes alone', () => {
    expect(presentedToken({ authorization: 'Basic dXNlcjpwYXNz', cookie: 'a=1; accessToken=def' })).toEqual({ token: 'def', source: 'cookie' });
    expect(presentedToken({ authorization: 'Basic dXNlcjpwYXNz' })).toBeUndefined();
  });

  it('reads ?token= only where allowed', () => {
    expect(presentedToken({}, { url: '/ws?token=xyz' })).toBeUndefined();
    expect(presentedToken({}, { url: '/ws?token=xyz', allowQuery: true })).toEqual({ token: 'xyz', source: 'query' });
  });

  it('reports a bare "Bearer" as an empty token, to be rejected', () => {
    expect(presentedToken({ authorization: 'Bearer' })).toEqual({ token: '', source: 'header' });
  });
});

describe('cookieValue', () => {
  it('finds the first cookie of the name, decoded and unquoted', () => {
    expect(cookieValue('x=1; accessToken="a%20b"; accessToken=second', 'accessToken')).toBe('a b');
  });

  it('does not confuse names that merely contain the name', () => {
    expect(cookieValue('myaccessToken=1', 'accessToken')).toBeUndefined();
  });

  it('keeps a value that is not valid percent-encoding as it is', () => {
    expect(cookieValue('accessToken=%E0%A4%A', 'accessToken')).toBe('%E0%A4%A');
  });
});

import { appErrorOf } from '@mosaic/kit-testing';
import { describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH, normalizeHost, TargetUrl } from './target-url';

function errorCodeOf(fn: () => unknown): string {
  const error = appErrorOf(fn);
  expect(error.status).toBe(400);
  return error.code;
}

const ownHosts = ['sho.rt', 'localhost:3000'];

describe('TargetUrl.parse', () => {
  it.each([
    ['https://example.com/a/b?c=d#e', 'https://example.com/a/b?c=d#e'],
    ['http://example.com', 'http://example.com/'],
    ['HTTPS://EXAMPLE.com:443/path', 'https://example.com/path'],
    ['https://bücher.example/straße?q=ü', 'https://xn--bcher-kva.example/stra%C3%9Fe?q=%C3%BC'],
    ['https://example.com/a b', 'https://example.com/a%20b'],
    ['  https://example.com/trimmed  ', 'https://example.com/trimmed'],
    ['http://localhost:8080/other-app', 'http://localhost:8080/other-app'],
    ['http://[::1]:9000/', 'http://[::1]:9000/'],
  ])('accepts %j as %j', (input, href) => {
    expect(TargetUrl.parse(input, { ownHosts }).href).toBe(href);
  });

  it.each([
    ['javascript:alert(1)', 'unsupported_scheme'],
    ['JavaScript:alert(document.cookie)', 'unsupported_scheme'],
    ['java\tscript:alert(1)', 'unsupported_scheme'],
    ['data:text/html,<script>alert(1)</script>', 'unsupported_scheme'],
    ['file:///etc/passwd', 'unsupported_scheme'],
    ['ftp://example.com/file', 'unsupported_scheme'],
    ['mailto:someone@example.com', 'unsupported_scheme'],
    ['//example.com/no-scheme', 'invalid_url'],
    ['example.com', 'invalid_url'],
    ['https://', 'invalid_url'],
    ['http://exa mple.com/', 'invalid_url'],
    ['', 'invalid_url'],
    ['   ', 'invalid_url'],
    [null, 'invalid_url'],
    [42, 'invalid_url'],
    [['https://example.com'], 'invalid_url'],
    ['https://bank.example@evil.example/', 'url_has_credentials'],
    ['https://user:secret@example.com/', 'url_has_credentials'],
    ['https://sho.rt/abc1234', 'self_referencing_url'],
    ['http://SHO.RT./abc1234', 'self_referencing_url'],
    ['https://localhost:3000/abc1234', 'self_referencing_url'],
  ])('refuses %j with %s', (input, code) => {
    expect(errorCodeOf(() => TargetUrl.parse(input, { ownHosts }))).toBe(code);
  });

  it.each([
    ['one character over the limit', `https://example.com/${'a'.repeat(MAX_URL_LENGTH)}`],
    ['3 KB', `https://example.com/${'a'.repeat(3 * 1024)}`],
    // Short enough as typed, too long once every "é" becomes "%C3%A9".
    ['short as typed, long once percent-encoded', `https://example.com/${'é'.repeat(400)}`],
  ])('refuses a URL that is %s with url_too_long', (_name, input) => {
    expect(errorCodeOf(() => TargetUrl.parse(input))).toBe('url_too_long');
  });

  it('accepts a URL of exactly the maximum length', () => {
    const url = `https://example.com/${'a'.repeat(MAX_URL_LENGTH - 'https://example.com/'.length)}`;
    expect(TargetUrl.parse(url).href).toHaveLength(MAX_URL_LENGTH);
  });

  it('names the refused scheme in its message', () => {
    expect(() => TargetUrl.parse('javascript:void(0)')).toThrow(/"javascript"/);
  });
});

describe('TargetUrl.restore', () => {
  it('keeps a stored URL and rejects one that could not have been stored', () => {
    expect(TargetUrl.restore('https://example.com/').href).toBe('https://example.com/');
    expect(() => TargetUrl.restore('https://example.com/\r\nSet-Cookie: x=1')).toThrow(TypeError);
  });
});

describe('normalizeHost', () => {
  it.each([
    ['https://Sho.RT/', 'sho.rt'],
    ['http://localhost:3000', 'localhost:3000'],
    ['https://sho.rt:443', 'sho.rt'],
    ['sho.rt.', 'sho.rt'],
    ['LOCALHOST:3000', 'localhost:3000'],
    ['bücher.example', 'xn--bcher-kva.example'],
  ])('reads %j as %j', (input, host) => {
    expect(normalizeHost(input)).toBe(host);
  });

  it('returns undefined for what is not a host', () => {
    expect(normalizeHost('')).toBeUndefined();
    expect(normalizeHost('bad host')).toBeUndefined();
  });
});

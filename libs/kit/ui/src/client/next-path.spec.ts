import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

const origin = 'https://mosaic.example';

describe('safeNextPath', () => {
  it.each(['/accounts/', '/s/?x=1', '/chat/#general'])('keeps the same-origin path %s', (next) => {
    expect(safeNextPath(next, origin)).toBe(next);
  });

  it.each([null, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'accounts'])('sends %j home instead', (next) => {
    expect(safeNextPath(next, origin)).toBe('/');
  });
});

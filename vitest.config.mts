import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// One config for every project: the tsconfig path aliases are the single source of
// truth for how `@mosaic/*` resolves, so tests import libraries exactly as apps do.
const root = import.meta.dirname;
const { compilerOptions } = JSON.parse(readFileSync(resolve(root, 'tsconfig.base.json'), 'utf8'));
// Exact matches: a prefix match would send `@mosaic/x/testing` into `@mosaic/x`'s index.
const alias = Object.entries(compilerOptions.paths as Record<string, string[]>).map(([name, [target]]) => ({
  find: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
  replacement: resolve(root, target),
}));

export default defineConfig({
  resolve: { alias },
  test: {
    root,
    include: ['**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/fixtures/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for a condition; its 1 s default is a timing threshold in disguise
    // on a loaded machine, so a poll gets as long as a hook would (a met condition ends it).
    expect: { poll: { timeout: 20_000 } },
    reporters: ['default', 'json'],
    pool: 'forks',
  },
});

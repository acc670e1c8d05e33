import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';

let root: string | undefined;

/**
 * The monorepo's root (where `tsconfig.base.json` lives), found from the working
 * directory. Page entries are named relative to it so the same path works under
 * tsx, vitest and a bundled app started from the checkout.
 */
export function workspaceRoot(): string {
  if (root) return root;
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.base.json'))) return (root = dir);
    if (dirname(dir) === dir) throw new Error(`no tsconfig.base.json above ${process.cwd()}: start the server from the Mosaic checkout`);
  }
}

export function fromWorkspace(path: string): string {
  return isAbsolute(path) ? path : resolve(workspaceRoot(), path);
}

import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

/** What a bundle requires at run time must be a production dependency (the image has no others). */
export function undeclaredRequires(bundle: string, root: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const required = new Set([...bundle.matchAll(/\brequire\("([^"./][^"]*)"\)/g)].map(([, name = '']) => name));
  const packageOf = (name: string) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : (name.split('/')[0] ?? name));
  return [...required].filter((name) => !name.startsWith('node:') && !builtinModules.includes(name) && !(packageOf(name) in manifest.dependencies));
}

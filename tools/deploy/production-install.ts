import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

let packages: string[] | undefined;

/** The workspace's installed production packages (what `npm ci --omit=dev` keeps), top-level ones only. */
function productionPackages(root: string): string[] {
  packages ??= execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })
    .split('\n')
    .map((path) => relative(join(root, 'node_modules'), path.trim()))
    // Nested copies travel inside their parent; the root and anything outside node_modules are not packages.
    .filter((name) => name && !name.startsWith('..') && !name.includes(`${sep}node_modules${sep}`))
    .filter((name) => name.split(sep).length === (name.startsWith('@') ? 2 : 1));
  return packages;
}

/**
 * Gives `dir` a node_modules of the production dependencies alone, linked from the
 * workspace: a bundle started there cannot reach a dev dependency (esbuild, tsx), as
 * in the runtime image.
 */
export function productionInstall(root: string, dir: string): void {
  for (const name of productionPackages(root)) {
    const link = join(dir, 'node_modules', name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), link, 'dir');
  }
}

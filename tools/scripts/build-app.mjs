// Bundles one app into dist/<app root>/main.js: our libraries inlined, npm packages
// left external (installed next to the bundle), CommonJS so instrumentation hooks work.
import { build } from 'esbuild';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const appRoot = process.argv[2];
if (!appRoot || !existsSync(join(appRoot, 'src/main.ts'))) {
  console.error(`usage: node tools/scripts/build-app.mjs apps/<name>  (no src/main.ts in "${appRoot}")`);
  process.exit(2);
}
const outdir = join('dist', appRoot);
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: [join(appRoot, 'src/main.ts')],
  outfile: join(outdir, 'main.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  tsconfig: 'tsconfig.base.json',
  logLevel: 'warning',
});
for (const assets of ['public', 'src/public']) {
  if (existsSync(join(appRoot, assets))) cpSync(join(appRoot, assets), join(outdir, 'public'), { recursive: true });
}
console.log(`built ${outdir}/main.js`);

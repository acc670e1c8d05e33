// Bundles one app into dist/<app root>/main.js: our libraries inlined, npm packages
// left external (installed next to the bundle), CommonJS so instrumentation hooks work.
// Then the browser code of every page the bundle names goes to dist/<app root>/assets/,
// content-hashed, with the manifest (page-assets.json) kit-ui serves them from: the
// runtime image has neither esbuild nor the sources.
import { build } from 'esbuild';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

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
const { pageEntriesIn, writePageAssets } = await tsImport('../../libs/kit/ui/src/server/write-page-assets.ts', import.meta.url);
const { entries } = await writePageAssets(pageEntriesIn(readFileSync(join(outdir, 'main.js'), 'utf8')), outdir);
console.log(`built ${outdir}/main.js and the assets of ${Object.keys(entries).length} page entries`);

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSET_PREFIX } from './asset';
import { buildPage } from './page-bundle';
import { PAGE_MANIFEST, type PageManifest } from './prebuilt-assets';
import { fromWorkspace } from './workspace-root';

// A page names its entry as a literal workspace path ('libs/…/page.tsx'); the bundle keeps it.
const ENTRY_LITERAL = /["'`]((?:libs|apps)\/[\w./-]+\.(?:tsx|ts|css))["'`]/g;

/** The page entries an app's bundle names: literal workspace paths of sources that exist. */
export function pageEntriesIn(bundle: string): string[] {
  const named = new Set([...bundle.matchAll(ENTRY_LITERAL)].map(([, entry = '']) => entry));
  return [...named].filter((entry) => !entry.endsWith('.d.ts') && existsSync(fromWorkspace(entry))).sort();
}

/**
 * Writes each entry's files to `<outdir>/assets/` under their content-hashed names and the
 * manifest kit-ui serves them from (`page-assets.json`), so a built app serves its pages
 * with production dependencies only: no esbuild, no sources.
 */
export async function writePageAssets(entries: readonly string[], outdir: string): Promise<PageManifest> {
  const manifest: PageManifest = { entries: {} };
  mkdirSync(join(outdir, ASSET_PREFIX), { recursive: true });
  for (const entry of entries) {
    const bundle = await buildPage(fromWorkspace(entry));
    for (const asset of bundle.assets) writeFileSync(join(outdir, asset.url), asset.body);
    manifest.entries[entry] = bundle.assets.map((asset) => asset.url);
  }
  writeFileSync(join(outdir, PAGE_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

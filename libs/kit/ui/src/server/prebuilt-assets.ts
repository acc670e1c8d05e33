import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleOf, contentTypeOf, type PageBundle } from './asset';

/** Next to a built app's `main.js`: which hashed files (under `assets/`) each page entry needs. */
export const PAGE_MANIFEST = 'page-assets.json';

export interface PageManifest {
  /** Entry (as pages name it, relative to the workspace root) → its asset URLs. */
  readonly entries: Record<string, readonly string[]>;
}

// Per directory: null when it holds no manifest (development: bundle from the sources).
const loaded = new Map<string, Map<string, PageBundle> | null>();

/** Where a built app keeps its page assets: beside the script node was started with. */
export function appDirectory(): string {
  return dirname(process.argv[1] ?? '.');
}

/**
 * The bundle `nx build` wrote for `entry`, or undefined when the app runs without built
 * page assets. Once an app has a manifest, an entry missing from it is an error: the
 * build did not see it, and bundling here would need esbuild and the sources.
 */
export function prebuiltBundle(entry: string, dir = appDirectory()): PageBundle | undefined {
  const bundles = prebuiltBundles(dir);
  if (!bundles) return undefined;
  const bundle = bundles.get(entry);
  if (!bundle) {
    throw new Error(`page entry ${entry} is not in ${join(dir, PAGE_MANIFEST)}: nx build finds entries by their literal path in the app's bundle`);
  }
  return bundle;
}

/** Every prebuilt bundle of a directory, read once (pages are small) and kept in memory. */
export function prebuiltBundles(dir: string): Map<string, PageBundle> | null {
  if (!loaded.has(dir)) loaded.set(dir, readManifest(dir));
  return loaded.get(dir) ?? null;
}

function readManifest(dir: string): Map<string, PageBundle> | null {
  const path = join(dir, PAGE_MANIFEST);
  if (!existsSync(path)) return null;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as PageManifest;
  return new Map(
    Object.entries(manifest.entries).map(([entry, urls]) => [
      entry,
      bundleOf(urls.map((url) => ({ url, contentType: contentTypeOf(url), body: readFileSync(join(dir, url)) }))),
    ]),
  );
}

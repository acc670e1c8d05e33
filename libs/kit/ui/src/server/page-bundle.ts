import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { ASSET_PREFIX, bundleOf, contentTypeOf, type PageBundle } from './asset';
import { prebuiltBundle } from './prebuilt-assets';
import { fromWorkspace, workspaceRoot } from './workspace-root';

// One build per entry per process: every app and test that serves a page shares it.
const builds = new Map<string, Promise<PageBundle>>();

/**
 * A page entry's files: the ones `nx build` wrote next to the app's bundle when there
 * are any (a production image has no esbuild and no sources), else bundled here from
 * the workspace's sources, once per process and kept in memory.
 */
export function bundlePage(entry: string): Promise<PageBundle> {
  const prebuilt = prebuiltBundle(entry);
  if (prebuilt) return Promise.resolve(prebuilt);
  const path = fromWorkspace(entry);
  let build = builds.get(path);
  if (!build) {
    build = buildPage(path);
    builds.set(path, build);
    // A failed build is retried on the next request rather than cached.
    build.catch(() => builds.delete(path));
  }
  return build;
}

/**
 * Bundles a page entry (TS/TSX, or a CSS file) with esbuild into minified files named
 * `<entry>.<content hash>.<ext>`: a content-hashed URL may be cached by browsers forever.
 * The same build serves pages in development and writes them at `nx build` time.
 */
export async function buildPage(path: string): Promise<PageBundle> {
  // Loaded on first use: servers without pages never pay for esbuild (a dev dependency).
  const { build } = await import('esbuild');
  const name = basename(path, extname(path));
  const result = await build({
    entryPoints: { [name]: path },
    bundle: true,
    write: false,
    outdir: 'out',
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    tsconfig: fromWorkspace('tsconfig.base.json'),
    absWorkingDir: workspaceRoot(),
    loader: { '.svg': 'dataurl', '.png': 'dataurl' },
    logLevel: 'silent',
  });
  const assets = result.outputFiles.map((file) => {
    const ext = extname(file.path);
    const hash = createHash('sha256').update(file.contents).digest('hex').slice(0, 12);
    const url = `${ASSET_PREFIX}${name}.${hash}${ext}`;
    return { url, contentType: contentTypeOf(url), body: Buffer.from(file.contents) };
  });
  return bundleOf(assets);
}

import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import { fromWorkspace, workspaceRoot } from './workspace-root';

/** One built file, served under a URL that changes whenever its content does. */
export interface Asset {
  readonly url: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/** What a page links to: its scripts and stylesheets, by hashed URL. */
export interface PageBundle {
  readonly scripts: string[];
  readonly styles: string[];
  readonly assets: Asset[];
}

export const ASSET_PREFIX = '/assets/';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

// One build per entry per process: every app and test that serves a page shares it.
const builds = new Map<string, Promise<PageBundle>>();

/**
 * Bundles a page entry (TS/TSX, or a CSS file) with esbuild into minified files named
 * `<entry>.<content hash>.<ext>`. Built once, lazily, and kept in memory: pages are
 * small, and a content-hashed URL may be cached by browsers forever.
 */
export function bundlePage(entry: string): Promise<PageBundle> {
  const path = fromWorkspace(entry);
  let build = builds.get(path);
  if (!build) {
    build = runBuild(path);
    builds.set(path, build);
    // A failed build is retried on the next request rather than cached.
    build.catch(() => builds.delete(path));
  }
  return build;
}

async function runBuild(path: string): Promise<PageBundle> {
  // Loaded on first use: servers without pages never pay for esbuild.
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
    return { url: `${ASSET_PREFIX}${name}.${hash}${ext}`, contentType: CONTENT_TYPES[ext] ?? 'application/octet-stream', body: Buffer.from(file.contents) };
  });
  return {
    assets,
    scripts: assets.filter((a) => a.url.endsWith('.js')).map((a) => a.url),
    styles: assets.filter((a) => a.url.endsWith('.css')).map((a) => a.url),
  };
}

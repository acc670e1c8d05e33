import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPage } from './page-bundle';
import { CHROME_ENTRY, KIT_STYLES_ENTRY } from './page-router';
import { prebuiltBundle, type PageManifest } from './prebuilt-assets';
import { fromWorkspace } from './workspace-root';
import { pageEntriesIn, writePageAssets } from './write-page-assets';

const outdir = mkdtempSync(join(tmpdir(), 'kit-ui-assets-'));
let manifest: PageManifest;
beforeAll(async () => {
  manifest = await writePageAssets([CHROME_ENTRY, KIT_STYLES_ENTRY], outdir);
}, 60_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('page assets built with the app', () => {
  it('finds the page entries an app bundle names, and only sources that exist', () => {
    const bundle = `var ENTRY = "${CHROME_ENTRY}"; const css = '${KIT_STYLES_ENTRY}'; // libs/kit/ui/src/index.ts\nvar gone = "libs/nowhere/page.tsx";`;
    expect(pageEntriesIn(bundle)).toEqual([CHROME_ENTRY, KIT_STYLES_ENTRY]);
  });

  it('are served from the manifest, byte for byte what bundling from the sources gives', async () => {
    expect(JSON.parse(readFileSync(join(outdir, 'page-assets.json'), 'utf8'))).toEqual(manifest);
    const fromSources = await buildPage(fromWorkspace(CHROME_ENTRY));
    const prebuilt = prebuiltBundle(CHROME_ENTRY, outdir);
    expect(prebuilt?.scripts).toEqual(fromSources.scripts);
    expect(prebuilt?.assets.map((a) => [a.url, a.contentType, a.body.toString()])).toEqual(
      fromSources.assets.map((a) => [a.url, a.contentType, a.body.toString()]),
    );
    expect(prebuiltBundle(KIT_STYLES_ENTRY, outdir)?.styles).toEqual([expect.stringMatching(/^\/assets\/kit\.[0-9a-f]{12}\.css$/)]);
  });

  it('refuse an entry the build did not see, rather than needing esbuild at run time', () => {
    expect(() => prebuiltBundle('libs/other/page.tsx', outdir)).toThrow(/libs\/other\/page\.tsx is not in .*page-assets\.json/);
  });

  it('leave an app without a manifest (development) to bundle from the sources', () => {
    expect(prebuiltBundle(CHROME_ENTRY, join(outdir, 'assets'))).toBeUndefined();
  });
});

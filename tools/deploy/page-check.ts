/** The parts of an OpenAPI document that name the pages: GET routes tagged "pages". */
interface ApiDocument {
  paths: Record<string, { get?: { tags?: string[] } }>;
}

const EXPECTED_TYPES: Record<string, RegExp> = {
  '.js': /^text\/javascript/,
  '.css': /^text\/css/,
  '.svg': /^image\/svg\+xml/,
};

/**
 * Fetches every page an app documents (templated ones aside) and every script, stylesheet
 * and icon each links to, and describes what did not answer 200 with the right type.
 */
export async function pageProblems(url: string): Promise<{ pages: string[]; problems: string[] }> {
  const document = (await (await fetch(`${url}/openapi.json`)).json()) as ApiDocument;
  const pages = Object.entries(document.paths)
    .filter(([path, item]) => item.get?.tags?.includes('pages') && !path.includes('{'))
    .map(([path]) => path);
  const problems: string[] = [];
  const linked = new Set<string>();
  for (const page of pages) {
    const res = await fetch(`${url}${page}`);
    const type = res.headers.get('content-type') ?? '';
    if (res.status !== 200 || !type.startsWith('text/html')) {
      problems.push(`${page}: ${res.status} ${type}`);
      continue;
    }
    const html = await res.text();
    for (const [, asset = ''] of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="(\/[^"]+)"/g)) linked.add(asset);
  }
  for (const asset of linked) {
    const res = await fetch(`${url}${asset}`);
    const type = res.headers.get('content-type') ?? '';
    const expected = Object.entries(EXPECTED_TYPES).find(([ext]) => asset.endsWith(ext))?.[1];
    if (res.status !== 200 || (expected && !expected.test(type))) problems.push(`${asset}: ${res.status} ${type}`);
    await res.arrayBuffer();
  }
  if (linked.size === 0 && pages.length > 0) problems.push('no page links a script or stylesheet');
  return { pages, problems };
}

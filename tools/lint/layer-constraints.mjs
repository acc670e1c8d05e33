// The layer table of ARCHITECTURE.md as @nx/enforce-module-boundaries constraints.
// A domain's `module` project is its composition: adapters from the shared backends,
// use cases, routers. Apps mount modules; a module never reaches another domain.
// Tags: every project has `scope:<domain>|kit|app` and `layer:<layer>`; kit projects
// also carry `kit:<module>` so a layer can be allowed one kit module and not another.
export const DOMAINS = ['auth', 'account', 'urlshortener', 'chat', 'exchange', 'flashsale', 'sample'];

const KIT_FOR_DELIVERY = ['kit:core', 'kit:http', 'kit:ws', 'kit:log', 'kit:ui'];

export function layerConstraints({ tests }) {
  const testExtras = tests ? ['layer:repository', 'layer:kit', 'layer:usecase', 'layer:domain'] : [];
  const byLayer = [
    { sourceTag: 'layer:domain', onlyDependOnLibsWithTags: tests ? ['kit:core', 'kit:testing', 'layer:domain'] : ['kit:core'] },
    { sourceTag: 'layer:usecase', onlyDependOnLibsWithTags: ['layer:domain', 'kit:core', ...testExtras] },
    { sourceTag: 'layer:repository', onlyDependOnLibsWithTags: ['layer:domain', 'layer:kit', ...testExtras] },
    { sourceTag: 'layer:delivery', onlyDependOnLibsWithTags: ['layer:usecase', 'layer:domain', ...KIT_FOR_DELIVERY, ...testExtras] },
    { sourceTag: 'layer:module', onlyDependOnLibsWithTags: ['layer:domain', 'layer:usecase', 'layer:repository', 'layer:delivery', 'layer:kit'] },
    { sourceTag: 'layer:kit', onlyDependOnLibsWithTags: ['layer:kit'] },
    { sourceTag: 'layer:app', onlyDependOnLibsWithTags: ['*'] },
    { sourceTag: 'layer:tool', onlyDependOnLibsWithTags: ['*'] },
  ];
  // A use case may read another domain's ports, so its scope rule is wider than
  // the repository's and delivery's, which stay inside their own domain.
  const byScope = DOMAINS.flatMap((domain) => [
    { allSourceTags: [`scope:${domain}`, 'layer:domain'], onlyDependOnLibsWithTags: [`scope:${domain}`, 'scope:kit'] },
    { allSourceTags: [`scope:${domain}`, 'layer:repository'], onlyDependOnLibsWithTags: [`scope:${domain}`, 'scope:kit'] },
    { allSourceTags: [`scope:${domain}`, 'layer:module'], onlyDependOnLibsWithTags: [`scope:${domain}`, 'scope:kit'] },
    {
      allSourceTags: [`scope:${domain}`, 'layer:delivery'],
      onlyDependOnLibsWithTags: tests ? ['*'] : [`scope:${domain}`, 'scope:kit'],
    },
  ]);
  return [...byLayer, ...byScope];
}

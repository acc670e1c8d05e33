// The layer table of ARCHITECTURE.md as @nx/enforce-module-boundaries constraints.
// A domain's `module` project is its composition: adapters from the shared backends,
// use cases, routers. Apps mount modules; a module never reaches another domain.
// Tags: every project has `scope:<domain>|kit|app` and `layer:<layer>`; kit projects
// also carry `kit:<module>` so a layer can be allowed one kit module and not another.
import { existsSync, readdirSync } from 'node:fs';

const KNOWN_DOMAINS = ['auth', 'account', 'urlshortener', 'chat', 'exchange', 'flashsale', 'sample', 'othersample'];
const LIBS = new URL('../../libs/', import.meta.url);

// Every folder under libs/ but the kit is a domain, so a new one (`nx g
// @mosaic/tools:domain <name>`) gets its scope rules without an edit here.
export const DOMAINS = [
  ...new Set([
    ...KNOWN_DOMAINS,
    ...(existsSync(LIBS)
      ? readdirSync(LIBS, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && entry.name !== 'kit')
          .map((entry) => entry.name)
      : []),
  ]),
];

const KIT_FOR_DELIVERY = ['kit:core', 'kit:http', 'kit:ws', 'kit:log', 'kit:ui'];

// npm packages by what they are. Only repository, delivery, module and app layers
// touch a driver, a web framework or a token library; domains and use cases stay pure.
const DRIVERS = ['mysql2', 'mysql2/*', 'ioredis', 'kafkajs', 'mongoose', 'mongodb', 'rate-limiter-flexible', 'lru-cache', 'proper-lockfile', 'testcontainers'];
const WEB = [
  'express',
  'express/*',
  'ws',
  'helmet',
  'cookie',
  'supertest',
  'swagger-ui-dist',
  'swagger-ui-dist/*',
  '@asteasolutions/*',
  'qrcode',
  'preact',
  'preact/*',
  'lightweight-charts',
];
const CRYPTO_ADAPTERS = ['jose'];
const OBSERVABILITY = ['pino', 'pino-*', '@opentelemetry/*'];
const PURE_LAYER_BANS = [...DRIVERS, ...WEB, ...CRYPTO_ADAPTERS, ...OBSERVABILITY];

const BANNED_EXTERNAL_IMPORTS = {
  'layer:domain': PURE_LAYER_BANS,
  'layer:usecase': PURE_LAYER_BANS,
  // Adapters speak to their backend, never to HTTP clients.
  'layer:repository': WEB.filter((name) => !name.startsWith('qrcode')),
  // Deliveries map HTTP to use cases; storage is behind the use cases' ports.
  'layer:delivery': DRIVERS,
};

export function layerConstraints({ tests, allow = [] }) {
  const testExtras = tests ? ['layer:repository', 'layer:kit', 'layer:usecase', 'layer:domain'] : [];
  // Tests wire real adapters and HTTP clients; production code never may.
  const banned = (tag) =>
    tests || !BANNED_EXTERNAL_IMPORTS[tag] ? {} : { bannedExternalImports: BANNED_EXTERNAL_IMPORTS[tag].filter((name) => !allow.includes(name)) };
  const byLayer = [
    { sourceTag: 'layer:domain', onlyDependOnLibsWithTags: tests ? ['kit:core', 'kit:testing', 'layer:domain'] : ['kit:core'], ...banned('layer:domain') },
    { sourceTag: 'layer:usecase', onlyDependOnLibsWithTags: ['layer:domain', 'kit:core', ...testExtras], ...banned('layer:usecase') },
    { sourceTag: 'layer:repository', onlyDependOnLibsWithTags: ['layer:domain', 'layer:kit', ...testExtras], ...banned('layer:repository') },
    {
      sourceTag: 'layer:delivery',
      onlyDependOnLibsWithTags: ['layer:usecase', 'layer:domain', ...KIT_FOR_DELIVERY, ...testExtras],
      ...banned('layer:delivery'),
    },
    { sourceTag: 'layer:module', onlyDependOnLibsWithTags: ['layer:domain', 'layer:usecase', 'layer:repository', 'layer:delivery', 'layer:kit'] },
    { sourceTag: 'layer:kit', onlyDependOnLibsWithTags: ['layer:kit'] },
    // Apps only compose: a domain reaches an app through its module (auth's TokenVerifier
    // included), never as a use case, adapter or delivery picked out of its layers.
    { sourceTag: 'layer:app', onlyDependOnLibsWithTags: tests ? ['*'] : ['layer:module', 'layer:kit'] },
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

// Node's own modules are not in the project graph, so @nx/enforce-module-boundaries
// cannot ban them (it skips every import it cannot place). ESLint's
// no-restricted-imports does it instead, by the conventional folder of each layer.
const BUILTINS = [
  'assert',
  'async_hooks',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
// Every `node:` module but node:crypto (see below), and the bare names; a regex, since
// gitignore-style groups would also catch relative paths such as './events/...'.
const NODE_MODULES_BUT_CRYPTO = `^(node:(?!crypto$)|(${BUILTINS.join('|')})(/|$))`;

/**
 * Domains and use cases import no Node module but one: `createHash` from node:crypto,
 * a pure function (bytes in, digest out) that the exchange domain uses to fingerprint
 * snapshots and use cases use to fingerprint idempotent requests. Keys, randomness,
 * ciphers and password hashing are adapters behind ports.
 */
const PURE_NODE_IMPORTS = {
  paths: [
    {
      name: 'node:crypto',
      allowImportNames: ['createHash'],
      message: 'Only createHash (pure hashing) may be used here; keys, randomness and password hashing are adapters behind a port.',
    },
  ],
  patterns: [{ regex: NODE_MODULES_BUT_CRYPTO, message: 'Domains and use cases do no I/O: put it in an adapter behind a port.' }],
};

const layerFiles = (layer) => [`libs/*/${layer}/src/**/*.ts`, `tools/lint/fixtures/boundary/${layer}/src/**/*.ts`];

/** ESLint config blocks banning Node's I/O modules in domains and use cases (tests excepted). */
export function nodeImportRules() {
  return [
    {
      files: [...layerFiles('domain'), ...layerFiles('usecase')],
      ignores: ['**/*.spec.ts', '**/test-support/**'],
      rules: { 'no-restricted-imports': ['error', PURE_NODE_IMPORTS] },
    },
  ];
}

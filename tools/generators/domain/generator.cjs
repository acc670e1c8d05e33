// `nx g @mosaic/tools:domain <name>`: the five layer projects of a new domain under
// libs/<name>, laid out like the account domain, with a sample aggregate to replace.
// It mounts nothing: an app mounts the module's router when the domain is ready.
// Plain CommonJS because Nx loads a local generator without a TypeScript transpiler.
const { formatFiles, generateFiles, names, updateJson } = require('@nx/devkit');
const { join } = require('node:path');

const LAYERS = ['domain', 'usecase', 'repository', 'delivery', 'module'];
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const RESERVED = new Set(['kit', 'app', 'apps', 'tools', 'libs']);

/** @param {import('@nx/devkit').Tree} tree @param {{ name: string }} options */
function domainGenerator(tree, options) {
  const name = String(options.name ?? '').trim();
  if (!NAME.test(name)) throw new Error(`"${name}" is not a domain name: use kebab-case such as "inventory" or "gift-cards"`);
  if (RESERVED.has(name)) throw new Error(`"${name}" is reserved`);
  const root = `libs/${name}`;
  if (tree.exists(root)) throw new Error(`${root} exists already`);

  const { className, propertyName } = names(name);
  generateFiles(tree, join(__dirname, 'files'), root, { name, className, propertyName, tmpl: '' });
  updateJson(tree, 'tsconfig.base.json', (json) => {
    const paths = { ...json.compilerOptions.paths };
    for (const layer of LAYERS) paths[`@mosaic/${name}-${layer}`] = [`${root}/${layer}/src/index.ts`];
    json.compilerOptions.paths = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
    return json;
  });
  // Generated code is laid out by the workspace's Prettier config, so lint passes as generated.
  return formatFiles(tree).then(() => () => {
    console.log(`\nDomain "${name}" created in ${root}: ${LAYERS.map((layer) => `${name}-${layer}`).join(', ')}.`);
    console.log(`Mount it in an app: const ${propertyName} = create${className}Module(context); app.use('/api/v1/${name}', ${propertyName}.router);`);
    console.log(`Check it: npx eslint --max-warnings 0 ${root} && npx prettier --check ${root} && npx vitest run --config vitest.config.mts --dir ${root}\n`);
  });
}

module.exports = domainGenerator;
module.exports.default = domainGenerator;
module.exports.LAYERS = LAYERS;

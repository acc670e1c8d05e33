import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const SKIP = new Set(['node_modules', '.git', 'dist', 'tmp', 'coverage', 'data', 'test-results', '.nx', '.services', 'target']);
const LAYERS = ['domain', 'usecase', 'repository', 'delivery', 'module'];

/** Runs a workspace tool by its script, as `npx` would, in the copy. */
function run(workspace: string, script: string, args: string[]): Promise<{ status: number | null; output: string }> {
  const child = spawn(process.execPath, [join(workspace, 'node_modules', script), ...args], {
    cwd: workspace,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NO_COLOR: '1', CI: '' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) => child.once('close', (status) => done({ status, output: stripVTControlCharacters(output) })));
}

const jsonIn = (text: string, open: string, close: string): unknown => JSON.parse(text.slice(text.indexOf(open), text.lastIndexOf(close) + 1));
const domainGenerator = createRequire(import.meta.url)('./generator.cjs') as (tree: Tree, options: { name: string }) => unknown;

describe('nx g @mosaic/tools:domain', () => {
  let workspace: string;
  let projects: unknown;

  beforeAll(async () => {
    // A copy of the workspace (sources only) sharing this one's node_modules.
    workspace = mkdtempSync(join(tmpdir(), 'mosaic-generator-'));
    cpSync(root, workspace, { recursive: true, filter: (source) => !SKIP.has(relative(root, source).split('/').at(-1) ?? '') });
    symlinkSync(join(root, 'node_modules'), join(workspace, 'node_modules'), 'dir');
    const generated = await run(workspace, 'nx/dist/bin/nx.js', ['g', '@mosaic/tools:domain', 'gift-cards', '--no-interactive']);
    expect(generated.status, generated.output).toBe(0);
    // Also builds the project graph the lint rule reads.
    const shown = await run(workspace, 'nx/dist/bin/nx.js', ['show', 'projects', '--json']);
    expect(shown.status, shown.output).toBe(0);
    projects = jsonIn(shown.output, '[', ']');
  }, 120_000);
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('creates the five layer projects with their tags and import paths', () => {
    expect(projects).toEqual(expect.arrayContaining(LAYERS.map((layer) => `gift-cards-${layer}`)));
    const paths = JSON.parse(readFileSync(join(workspace, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths;
    for (const layer of LAYERS) {
      const project = JSON.parse(readFileSync(join(workspace, 'libs/gift-cards', layer, 'project.json'), 'utf8'));
      expect(project.tags).toEqual(['scope:gift-cards', `layer:${layer}`]);
      expect(paths[`@mosaic/gift-cards-${layer}`]).toEqual([`libs/gift-cards/${layer}/src/index.ts`]);
    }
  });

  it('is green: typecheck, lint (the layer rule knows the new scope), formatting and tests', async () => {
    writeFileSync(
      join(workspace, 'tsconfig.generated.json'),
      JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { noEmit: true }, include: ['libs/gift-cards/**/*.ts'] }),
    );
    // The lint run covers a probe that breaks the layer rule too: its error must be the only message.
    writeFileSync(
      join(workspace, 'libs/gift-cards/domain/src/probe.ts'),
      "import { buildHttpApp } from '@mosaic/kit-http';\nexport const probe = buildHttpApp;\n",
    );
    const [typecheck, lint, format, tests] = await Promise.all([
      run(workspace, 'typescript/bin/tsc', ['-p', 'tsconfig.generated.json']),
      run(workspace, 'eslint/bin/eslint.js', ['--format', 'json', 'libs/gift-cards']),
      run(workspace, 'prettier/bin/prettier.cjs', ['--check', 'libs/gift-cards']),
      run(workspace, 'vitest/vitest.mjs', ['run', '--config', 'vitest.config.mts', '--dir', 'libs/gift-cards', '--reporter', 'default']),
    ]);
    expect(typecheck.status, typecheck.output).toBe(0);
    const messages = (jsonIn(lint.output, '[', ']') as { filePath: string; messages: { ruleId: string }[] }[]).flatMap((file) =>
      file.messages.map((message) => `${relative(workspace, file.filePath)} ${message.ruleId}`),
    );
    expect(messages).toEqual(['libs/gift-cards/domain/src/probe.ts @nx/enforce-module-boundaries']);
    expect(format.status, format.output).toBe(0);
    expect(tests.status, tests.output).toBe(0);
    expect(tests.output).toMatch(/Test Files\s+5 passed/);
  }, 360_000);

  it('refuses a name that is not kebab-case or already taken', async () => {
    const tree = createTreeWithEmptyWorkspace();
    tree.write('tsconfig.base.json', JSON.stringify({ compilerOptions: { paths: {} } }));
    expect(() => domainGenerator(tree, { name: 'Gift_Cards' })).toThrow('not a domain name');
    expect(() => domainGenerator(tree, { name: 'kit' })).toThrow('reserved');
    await domainGenerator(tree, { name: 'gift-cards' });
    expect(() => domainGenerator(tree, { name: 'gift-cards' })).toThrow('libs/gift-cards exists already');
  });
});

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const fixtures = 'tools/lint/fixtures/boundary';

/** Lints a would-be source file of a fixture project and returns the boundary-rule messages. */
async function boundaryErrors(layer: string, code: string, fileName = 'src/probe.ts'): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: resolve(root, fixtures, layer, fileName) });
  return result!.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('the layer rule (@nx/enforce-module-boundaries)', () => {
  beforeAll(() => {
    // The rule reads the cached project graph; make sure it includes the fixtures.
    execFileSync(process.execPath, [resolve(root, 'node_modules/nx/dist/bin/nx.js'), 'show', 'projects'], { cwd: root, stdio: 'ignore' });
  }, 60_000);

  it('rejects a use case importing a repository', async () => {
    const errors = await boundaryErrors('usecase', "import { layer } from '@mosaic/fixture-repository';\nexport const x = layer;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('layer:usecase');
  });

  it('lets a use case import its domain', async () => {
    expect(await boundaryErrors('usecase', "import { layer } from '@mosaic/fixture-domain';\nexport const x = layer;\n")).toEqual([]);
  });

  it('rejects a domain importing anything but kit-core', async () => {
    const errors = await boundaryErrors('domain', "import { buildHttpApp } from '@mosaic/kit-http';\nexport const x = buildHttpApp;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('layer:domain');
  });

  it('lets a domain import kit-core', async () => {
    expect(await boundaryErrors('domain', "import { invalid } from '@mosaic/kit-core';\nexport const x = invalid;\n")).toEqual([]);
  });

  it('lets a repository import its domain and kit libraries', async () => {
    const code = "import { layer } from '@mosaic/fixture-domain';\nimport { uniqueName } from '@mosaic/kit-testing';\nexport const x = [layer, uniqueName];\n";
    expect(await boundaryErrors('repository', code)).toEqual([]);
  });

  it('lets tests wire a repository into a use case', async () => {
    const code = "import { layer } from '@mosaic/fixture-repository';\nexport const x = layer;\n";
    expect(await boundaryErrors('usecase', code, 'src/probe.spec.ts')).toEqual([]);
  });
});

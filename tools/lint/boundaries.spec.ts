import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const fixtures = 'tools/lint/fixtures/boundary';

const LAYER_RULES = new Set(['@nx/enforce-module-boundaries', 'no-restricted-imports']);

/** Lints a would-be source file of a fixture project and returns the layer-rule messages. */
async function boundaryErrors(layer: string, code: string, fileName = 'src/probe.ts'): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: resolve(root, fixtures, layer, fileName) });
  return result!.messages.filter((m) => m.ruleId !== null && LAYER_RULES.has(m.ruleId)).map((m) => m.message);
}

const importing = (module: string, name = 'x') => `import * as ${name} from '${module}';\nexport const probe = ${name};\n`;

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

  it('rejects a delivery importing a repository', async () => {
    const errors = await boundaryErrors('delivery', "import { layer } from '@mosaic/fixture-repository';\nexport const x = layer;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('layer:delivery');
  });

  it("rejects a domain importing another domain's entities", async () => {
    const errors = await boundaryErrors('domain', "import { Entity } from '@mosaic/fixture-other-domain';\nexport const x = Entity;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/layer:domain|scope:sample/);
  });

  it('rejects an app taking a use case (auth’s TokenVerifier included), an adapter or a delivery instead of the module', async () => {
    for (const library of ['@mosaic/auth-usecase', '@mosaic/auth-repository', '@mosaic/auth-delivery', '@mosaic/auth-domain']) {
      const errors = await boundaryErrors('app', `import type * as lib from '${library}';\nexport type X = typeof lib;\n`, 'src/main.ts');
      expect(errors).toEqual([expect.stringContaining('layer:app')]);
    }
  });

  it('lets an app compose modules and kit libraries, and its tests reach further', async () => {
    const code =
      "import { createAuthModule } from '@mosaic/auth-module';\nimport { buildHttpApp } from '@mosaic/kit-http';\nexport const x = [createAuthModule, buildHttpApp];\n";
    expect(await boundaryErrors('app', code, 'src/main.ts')).toEqual([]);
    expect(await boundaryErrors('app', importing('@mosaic/auth-repository'), 'src/main.spec.ts')).toEqual([]);
  });

  describe('npm and Node modules', () => {
    it.each(['express', 'mysql2/promise', 'ioredis', 'kafkajs', 'mongoose', 'ws', 'jose', 'pino', 'rate-limiter-flexible'])(
      'rejects a domain importing %s',
      async (module) => {
        const errors = await boundaryErrors('domain', importing(module));
        expect(errors).toEqual([expect.stringContaining(`not allowed to import "${module}"`)]);
      },
    );

    it.each(['node:fs', 'node:fs/promises', 'node:net', 'node:http', 'node:child_process', 'fs', 'node:os'])(
      'rejects a domain importing %s',
      async (module) => {
        expect(await boundaryErrors('domain', importing(module))).toEqual([expect.stringContaining('do no I/O')]);
      },
    );

    it('lets a domain hash with node:crypto, and nothing else of it', async () => {
      expect(await boundaryErrors('domain', "import { createHash } from 'node:crypto';\nexport const x = createHash;\n")).toEqual([]);
      expect(await boundaryErrors('domain', "import { randomBytes } from 'node:crypto';\nexport const x = randomBytes;\n")).toEqual([
        expect.stringContaining('Only createHash'),
      ]);
    });

    it.each(['express', 'mysql2', 'ioredis', 'kafkajs', 'mongoose', 'ws', 'jose'])('rejects a use case importing %s', async (module) => {
      const errors = await boundaryErrors('usecase', importing(module));
      expect(errors).toEqual([expect.stringContaining(`not allowed to import "${module}"`)]);
    });

    it('rejects a use case hashing passwords or signing itself (scrypt, keys, randomness are adapters)', async () => {
      for (const name of ['scrypt', 'createSign', 'randomBytes'])
        expect(await boundaryErrors('usecase', `import { ${name} } from 'node:crypto';\nexport const x = ${name};\n`)).toEqual([
          expect.stringContaining('Only createHash'),
        ]);
    });

    it.each(['node:fs', 'node:net', 'node:http', 'node:child_process'])('rejects a use case importing %s', async (module) => {
      expect(await boundaryErrors('usecase', importing(module))).toEqual([expect.stringContaining('do no I/O')]);
    });

    it.each(['mysql2', 'ioredis', 'kafkajs', 'mongoose'])('rejects a delivery importing the driver %s', async (module) => {
      expect(await boundaryErrors('delivery', importing(module))).toEqual([expect.stringContaining(`not allowed to import "${module}"`)]);
    });

    it('rejects a repository importing express', async () => {
      expect(await boundaryErrors('repository', importing('express'))).toEqual([expect.stringContaining('not allowed to import "express"')]);
    });

    it('lets adapters and deliveries use what they adapt', async () => {
      expect(await boundaryErrors('repository', importing('mysql2/promise') + importing('node:fs', 'fs'))).toEqual([]);
      expect(await boundaryErrors('delivery', importing('express') + importing('node:http', 'http'))).toEqual([]);
    });

    it('lets tests of a domain use Node and test libraries', async () => {
      expect(await boundaryErrors('domain', importing('node:fs') + importing('supertest', 's'), 'src/probe.spec.ts')).toEqual([]);
    });
  });
});

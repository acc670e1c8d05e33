import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const PROMISE_RULES = new Set(['@typescript-eslint/no-floating-promises', '@typescript-eslint/no-misused-promises']);

/** Lints `code` as if it were this real source file, so the type-aware rules see its types. */
async function promiseErrors(code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: resolve(root, 'libs/kit/core/src/lib/clock.ts') });
  return result!.messages.filter((m) => m.ruleId !== null && PROMISE_RULES.has(m.ruleId)).map((m) => m.ruleId!);
}

const work = 'const work = (): Promise<number> => Promise.resolve(1);\n';

describe('the type-aware promise rules', () => {
  it('reject a promise nobody awaits', async () => {
    expect(await promiseErrors(`${work}export function run(): void {\n  work();\n}\n`)).toEqual(['@typescript-eslint/no-floating-promises']);
  });

  it('reject an async function where a void callback is expected', async () => {
    expect(await promiseErrors(`${work}export const later = (): void => {\n  setTimeout(async () => {\n    await work();\n  }, 1);\n};\n`)).toEqual([
      '@typescript-eslint/no-misused-promises',
    ]);
  });

  it('accept awaiting it, and a deliberate void with its rejection handled', async () => {
    expect(await promiseErrors(`${work}export async function run(): Promise<void> {\n  await work();\n  void work().catch(() => undefined);\n}\n`)).toEqual([]);
  });
}, 120_000);

import nx from '@nx/eslint-plugin';
import { layerConstraints, nodeImportRules } from './tools/lint/layer-constraints.mjs';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', 'tmp', 'data', 'test-results', '**/*.mjs', '**/*.mts', '**/public/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allowCircularSelfDependency: false, depConstraints: layerConstraints({ tests: false }) },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Type-aware: a promise nobody awaits loses its rejection (an unhandled rejection
    // kills the process) and its ordering. Each project has its own tsconfig.json, so a
    // project's lint builds a program of that project and what it imports, not the whole
    // workspace; the layer-rule fixtures are linted from text of files that do not exist, so no types.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['tools/lint/fixtures/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Tests wire real adapters into use cases and deliveries; production code never may.
    // The flash-sale contest is a test harness (its scenario, server and store checks serve specs only).
    files: ['**/*.spec.ts', '**/test-support/**/*.ts', 'apps/flashsale/src/contest/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, depConstraints: layerConstraints({ tests: true }) }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...nodeImportRules(),
];

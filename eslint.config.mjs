import nx from '@nx/eslint-plugin';
import { layerConstraints } from './tools/lint/layer-constraints.mjs';

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
    // Tests wire real adapters into use cases and deliveries; production code never may.
    files: ['**/*.spec.ts', '**/test-support/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, depConstraints: layerConstraints({ tests: true }) },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
];

// One lint setup for the whole repository (typescript-eslint, flat config).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/dist-h5/**',
      '**/dist-*/**',
      '.cache/**',
      '.run/**',
      'coverage/**',
      'test-artifacts/**',
      '.scratch/**',
      'bench/**/.scratch*',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // The credit engine is pure: no web framework, database, cache, network or file I/O.
    files: ['bff/credit/**/*.ts'],
    ignores: ['bff/credit/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'koa',
            '@koa/router',
            'mongoose',
            'ioredis',
            'bullmq',
            'node:http',
            'http',
            'node:https',
            'https',
            'node:fs',
            'fs',
            'node:net',
            'net',
          ].map((name) => ({
            name,
            message: 'bff/credit is a pure core: pass facts in, get a decision out.',
          })),
          patterns: [
            {
              group: [
                '../models/*',
                '../routes/*',
                '../src/*',
                '../clients/*',
                '../commands/*',
                '../../models/*',
                '../../routes/*',
                '../../src/*',
              ],
              message: 'bff/credit must not import infrastructure.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
  },
);

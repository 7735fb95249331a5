import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Modules that would tie the pure core to a platform: Electron, React, the DOM, or Node I/O. */
const PLATFORM_MODULES = [
  'electron',
  'electron-store',
  'react',
  'react-dom',
  'zustand',
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'child_process',
  'dgram',
  'dns',
  'tls',
  'readline',
  'worker_threads',
  'cluster',
  'os',
  'process',
];
const restrictedCoreImports = {
  paths: PLATFORM_MODULES.flatMap((name) => [
    { name, message: 'src/core is pure domain logic: no Electron, React, DOM or Node I/O.' },
    { name: `node:${name}`, message: 'src/core is pure domain logic: no Electron, React, DOM or Node I/O.' },
  ]),
  patterns: [{ group: ['react/*', 'react-dom/*', 'electron/*', '**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/core imports nothing outside the core.' }],
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // CommonJS scripts (the CLI launcher): require is how they load modules.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', restrictedCoreImports],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'fetch', 'XMLHttpRequest'].map((name) => ({
          name,
          message: 'src/core must not touch the DOM or the network.',
        })),
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['electron', 'node:*', '**/main/**', '**/preload/**'], message: 'The renderer talks to main only through window.signet.' }] },
      ],
    },
  },
  {
    // Playwright fixtures must destructure their (possibly empty) dependencies: `async ({}, use) => …`.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);

import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Who may import what: one table, checked by the local `layers/imports` rule below. As in VS Code's
 * layering rule, a folder's name says which runtime its code runs in — `core/common` in any JavaScript
 * runtime (the renderer included), `core/node` in Node — and so what it may reach.
 *
 * - `may`: the project folders (or single files) a layer may import from, its own included.
 * - `types`: folders it may import types from only (`import type`: erased, so no code crosses).
 * - `packages`: npm packages it may import; ANY for all.
 * - `builtins`: Node built-in modules it may import; ANY for all.
 *
 * Test files (*.test.ts) and e2e/ may import anything; nothing else may import src/testing (the test doubles).
 */
const ANY = '*';
const CORE_ONLY = 'src/core imports no Electron, React, DOM or Node I/O';
export const LAYERS = {
  'src/core/common': { may: ['src/core/common', 'package.json'], packages: ['luxon'], builtins: [] },
  // node:crypto only through hmac.ts's nodeCrypto(), loaded on first use: an import would load it (and Node's
  // streams) at every CLI start; @noble/hashes computes a process's first MACs until then.
  'src/core/node': { may: ['src/core', 'package.json'], packages: ['luxon', '@noble/hashes'], builtins: ['buffer'] },
  'src/shared': { may: ['src/shared', 'src/core/common'], packages: ['zod'], builtins: [] },
  // The sandboxed preload bundles what it imports: only the dependency-free channel list crosses.
  'src/preload': { may: ['src/preload', 'src/shared/channels.ts'], types: ['src/shared'], packages: ['electron'], builtins: [] },
  'src/renderer': {
    // resources/icons: the app icon, imported as an asset (Vite bundles the PNG; the About screen shows it).
    may: ['src/renderer', 'src/shared', 'src/core/common', 'resources/icons'],
    packages: ['react', 'react-dom', '@mantine/core', '@mantine/hooks', 'zustand', 'qrcode', '@tanstack/react-virtual'],
    builtins: [],
  },
  // The streaming engine never imports the CLI that drives it.
  'src/batch': { may: ['src/batch', 'src/core'], packages: [], builtins: ANY },
  // Runs the worker from the TypeScript sources (tests, tsx): the one place tsx is loaded at run time.
  'src/batch/worker-dev.mjs': { may: ['src/batch'], packages: ['tsx'], builtins: [] },
  // No packages: the CLI's start-up is measured against `node -e 0`.
  // The loopback capture receiver (Node): no packages, so the CLI can run it too.
  'src/capture': { may: ['src/capture', 'src/core'], packages: [], builtins: ANY },
  'src/cli': { may: ['src/cli', 'src/core', 'src/batch', 'src/capture'], packages: [], builtins: ANY },
  // QR codes for `signet pack --format html`: loaded only when that page is written.
  'src/cli/pack-qr.ts': { may: [], packages: ['qrcode'], builtins: [] },
  'src/main': { may: ['src/main', 'src/shared', 'src/core', 'src/batch', 'src/capture'], packages: ANY, builtins: ANY },
  'src/testing': { may: ['src', 'package.json'], packages: ANY, builtins: ANY },
};

const ROOT = import.meta.dirname;
const BUILTINS = new Set(builtinModules);
const posix = (p) => p.split(sep).join('/');
const withoutExtension = (p) => p.replace(/\.(ts|tsx|mts|cts|js|mjs|cjs)$/, '');
const within = (path, folder) => {
  const [p, f] = [withoutExtension(path), withoutExtension(folder)];
  return f === 'src' ? p.startsWith('src/') : p === f || p.startsWith(`${f}/`);
};
/** The longest table key that contains this project path. */
const layerOf = (path) =>
  Object.keys(LAYERS)
    .filter((k) => within(path, k))
    .sort((a, b) => b.length - a.length)[0];
const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

const layersPlugin = {
  rules: {
    imports: {
      meta: { type: 'problem', schema: [] },
      create(context) {
        const file = posix(relative(ROOT, context.filename));
        const layer = layerOf(file);
        const isTest = /\.test\.tsx?$/.test(file) || file.startsWith('e2e/');
        if (isTest) return {};
        function check(node, source, typeOnly) {
          if (!source || typeof source.value !== 'string') return;
          const spec = source.value;
          const report = (message) => context.report({ node: source, message: `${message} (see LAYERS in eslint.config.js)` });
          if (spec.startsWith('.')) {
            const target = posix(relative(ROOT, resolve(dirname(context.filename), spec)));
            if (within(target, 'src/testing') && layer !== 'src/testing') {
              return report(`${file} may not import the test doubles in src/testing: only tests and e2e/ may`);
            }
            if (!layer) return;
            const rule = LAYERS[layer];
            if (rule.may.some((m) => within(target, m))) return;
            if (typeOnly && (rule.types ?? []).some((m) => within(target, m))) return;
            const targetLayer = layerOf(target) ?? target;
            return report(`${layer} may not import ${targetLayer}; it may import ${rule.may.join(', ')}${rule.types ? ` (types: ${rule.types.join(', ')})` : ''}`);
          }
          if (!layer) return;
          const rule = LAYERS[layer];
          const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
          if (spec.startsWith('node:') || BUILTINS.has(bare)) {
            if (rule.builtins === ANY || rule.builtins.includes(bare)) return;
            const why = layer.startsWith('src/core') ? `${CORE_ONLY}; ` : '';
            return report(`${layer} may not import the Node module "${spec}" (${why}allowed: ${rule.builtins.join(', ') || 'none'})`);
          }
          if (rule.packages === ANY || rule.packages.includes(packageName(spec))) return;
          return report(`${layer} may not import the package "${packageName(spec)}" (allowed: ${rule.packages.join(', ') || 'none'})`);
        }
        return {
          ImportDeclaration: (n) => check(n, n.source, n.importKind === 'type'),
          ExportNamedDeclaration: (n) => check(n, n.source, n.exportKind === 'type'),
          ExportAllDeclaration: (n) => check(n, n.source, n.exportKind === 'type'),
          ImportExpression: (n) => check(n, n.source, false),
        };
      },
    },
  },
};

const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'fetch', 'XMLHttpRequest'].map((name) => ({
  name,
  message: 'src/core must not touch the DOM or the network.',
}));
const NODE_GLOBALS = ['Buffer', 'process', 'require', '__dirname', '__filename', 'setImmediate'].map((name) => ({
  name,
  message: 'src/core/common runs in the browser too: no Node globals (Node code goes in src/core/node).',
}));

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'e2e-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { layers: layersPlugin },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'layers/imports': 'error',
    },
  },
  {
    // CommonJS scripts (the CLI launcher): require is how they load modules.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['src/core/**/*.ts'], ignores: ['**/*.test.ts'], rules: { 'no-restricted-globals': ['error', ...DOM_GLOBALS] } },
  {
    files: ['src/core/common/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-globals': ['error', ...DOM_GLOBALS, ...NODE_GLOBALS] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Playwright fixtures must destructure their (possibly empty) dependencies: `async ({}, use) => …`.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);

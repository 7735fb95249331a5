import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import pkg from './package.json' with { type: 'json' };

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The batch worker is its own entry: worker threads load it from beside the main bundle.
        input: { index: resolve('src/main/index.ts'), 'batch-worker': resolve('src/batch/worker.ts') },
        output: { entryFileNames: (chunk) => (chunk.name === 'batch-worker' ? '[name].mjs' : '[name].js') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require only `electron` and a few built-ins, and cannot load ESM:
      // bundle every dependency into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [
      react(),
      {
        // product.ts reads the version from package.json; the renderer gets the version, not the whole file.
        name: 'signet:package-version-only',
        enforce: 'pre',
        load(id) {
          if (id.split('?')[0] === resolve('package.json')) return JSON.stringify({ version: pkg.version });
          return null;
        },
      },
    ],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified; minified it is a fifth of the size (budget: 200 KB gzip,
      // scripts/bundle-size.mjs).
      minify: true,
      // The size that matters is the gzip total, held by scripts/bundle-size.mjs; one chunk is fine.
      chunkSizeWarningLimit: 1000,
      cssMinify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});

import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The `signet` CLI for Node, so start-up resolves no packages at run time: signet.cjs, plus
// batch-worker.cjs, the worker thread `verify-batch` starts beside it (code both use goes to shared chunks).
// CommonJS on purpose: Node's ESM loader and its facades for builtins (importing node:fs that way loads
// fs streams) cost ~5 ms at every start, a third of `node -e 0`; the start-up target is ≤ 1.5 × that.
// Minified (less to read and compile at each start: ~1 ms of `signet eber hash`), keeping function and class
// names so a stack trace still names its functions.
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: { signet: resolve('src/cli/main.ts'), 'batch-worker': resolve('src/batch/worker.ts') },
      output: {
        format: 'cjs',
        entryFileNames: '[name].cjs',
        chunkFileNames: 'signet-[name].cjs',
        minify: {
          compress: { keepNames: { function: true, class: true } },
          mangle: { keepNames: true },
          codegen: { removeWhitespace: true },
        },
      },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});

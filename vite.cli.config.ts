import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The `signet` CLI for Node, so start-up resolves no packages at run time: signet.mjs, plus
// batch-worker.mjs, the worker thread `verify-batch` starts beside it (code both use goes to a shared chunk).
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: { signet: resolve('src/cli/main.ts'), 'batch-worker': resolve('src/batch/worker.ts') },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: 'signet-[name].mjs' },
    },
  },
  ssr: { noExternal: true, target: 'node' },
});

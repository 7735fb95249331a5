import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The `signet` CLI: one self-contained ES module for Node, so start-up resolves no packages at run time.
export default defineConfig({
  build: {
    ssr: resolve('src/cli/main.ts'),
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: { output: { format: 'es', entryFileNames: 'signet.mjs' } },
  },
  ssr: { noExternal: true, target: 'node' },
});

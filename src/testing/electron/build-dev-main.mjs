/**
 * Builds main as a DEVELOPMENT bundle (import.meta.env.DEV = true, as `electron-vite dev` does) into
 * <dir>/main/index.js, with <dir>/renderer and <dir>/preload linked to the built ones, so the stand-in
 * probe can check the dev-server path's own guards (never packaged, loopback only).
 *   node src/testing/electron/build-dev-main.mjs <dir>
 */
import { mkdirSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const dir = resolve(process.argv[2] ?? 'out-dev');
mkdirSync(dir, { recursive: true });
for (const part of ['renderer', 'preload']) {
  try {
    symlinkSync(resolve('out', part), join(dir, part));
  } catch {
    // already linked
  }
}
await build({
  configFile: false,
  mode: 'development',
  logLevel: 'silent',
  define: { 'import.meta.env.DEV': 'true', 'import.meta.env.PROD': 'false' },
  build: {
    ssr: resolve('src/main/index.ts'),
    outDir: join(dir, 'main'),
    emptyOutDir: true,
    minify: false,
    target: 'node20',
    rollupOptions: { external: ['electron'], output: { format: 'es', entryFileNames: 'index.js' } },
  },
});
console.log(join(dir, 'main', 'index.js'));

/**
 * `npm start`: builds and starts the desktop app (electron-vite preview). Where the Electron runtime is missing
 * (its download failed or was skipped at install), electron-vite would end in a bare "Electron uninstall";
 * this says what happened and the two ways forward instead, and exits 1 without a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The installed Electron binary, or why there is none. */
export function electronRuntime(dir = process.env.SIGNET_ELECTRON_DIR ?? electronPackageDir()) {
  if (!dir) return { ok: false, why: 'the electron package is not installed (run npm install)' };
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { ok: false, why: 'the Electron runtime was never downloaded' };
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { ok: false, why: `the Electron runtime is incomplete (${binary} is missing)` };
  return { ok: true, binary };
}

function electronPackageDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
const runtime = isMain ? electronRuntime() : { ok: true };
if (isMain && !runtime.ok) {
  console.error(
    [
      `Signet cannot start the desktop app: ${runtime.why}.`,
      '',
      'Electron downloads its runtime (about 100 MB) when Signet is installed; that step needs network access',
      'and was skipped or failed on this machine. Two ways forward:',
      '',
      '  1. Download it now, with network access:   node node_modules/electron/install.js   then   npm start',
      '  2. Use the signet command line meanwhile:  npm run build && npx signet --help',
      '     (sign, verify, explain, build login URLs and verify whole logs: everything but the windows)',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
if (isMain) {
  const vite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [vite, 'preview', ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  process.exit(r.status ?? 1);
}

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Where the Electron runtime binary is, without `require('electron')` (which, when the binary is missing,
 * starts a download that cannot succeed offline). Returns the reason when it is absent.
 */
export function electronBinary(): { path: string } | { missing: string } {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing: `the Electron runtime binary was never downloaded (${pathFile} is absent; run node node_modules/electron/install.js online)`,
    };
  }
  const path = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(path) ? { path } : { missing: `${path} does not exist` };
}

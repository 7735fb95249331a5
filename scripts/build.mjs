/**
 * `npm run build`: the app (electron-vite: main, preload, renderer) and the CLI (vite), and a failure on any
 * warning either prints. A warning here has meant real trouble (node:crypto pulled into the renderer as an
 * empty stub, a deprecated option about to break), so the build is held at zero warnings rather than
 * letting them scroll past.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = (path) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));
const steps = [
  ['electron-vite', [bin('electron-vite/bin/electron-vite.js'), 'build']],
  ['vite (CLI)', [bin('vite/bin/vite.js'), 'build', '--config', 'vite.cli.config.ts']],
];
/** Lines that are warnings, in the forms Vite, Rolldown and their plugins print them. */
// Rolldown also prints notices as a bracketed code, e.g. [INEFFECTIVE_DYNAMIC_IMPORT] (a dynamic import that
// splits nothing, which silently puts a module back on the start-up path).
export const WARNING = /\bwarn(ing)?\b|\(!\)|externalized for browser compatibility|deprecated|\[[A-Z][A-Z0-9]*_[A-Z0-9_]+\]/i;

const warnings = [];
for (const [name, args] of steps) {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (r.status !== 0) {
    console.error(`build: ${name} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status ?? 1);
  }
  for (const line of `${r.stdout}\n${r.stderr}`.split('\n')) if (WARNING.test(line)) warnings.push(`${name}: ${line.trim()}`);
}
if (warnings.length > 0) {
  console.error(`\nbuild: ${warnings.length} warning(s); the build must print none:\n${warnings.map((w) => `  ${w}`).join('\n')}`);
  process.exit(1);
}
console.log('build: no warnings');

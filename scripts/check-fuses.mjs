/**
 * Reads the Electron fuses back from packaged binaries and fails on any difference from electron-builder.yml's
 * `electronFuses` — the one place the hardened values are declared. Every fuse the binary has must be declared
 * there (an Electron upgrade that adds a fuse fails here until someone decides its value).
 *
 *   node scripts/check-fuses.mjs [dist]              every packaged app electron-builder left in dist/
 *   node scripts/check-fuses.mjs path/to/Signet.app  one app (a binary, or a macOS .app bundle)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants.js';
import { load as loadYaml } from 'js-yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** electron-builder.yml's electronFuses as {FuseV1Options index: boolean}; throws when a fuse is undeclared. */
export function expectedFuses(builderYaml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) {
  const declared = loadYaml(builderYaml)?.electronFuses ?? {};
  const expected = {};
  for (const [name, value] of Object.entries(declared)) {
    const option = FuseV1Options[name.charAt(0).toUpperCase() + name.slice(1)];
    if (option === undefined) throw new Error(`electron-builder.yml declares an unknown fuse "${name}"`);
    if (typeof value !== 'boolean') throw new Error(`electron-builder.yml: fuse "${name}" must be true or false`);
    expected[option] = value;
  }
  return expected;
}

/** The differences between a binary's fuse wire and the expected values, as sentences (none: all good). */
export function fuseDifferences(wire, expected) {
  const problems = [];
  for (const [key, state] of Object.entries(wire)) {
    const index = Number(key);
    if (!Number.isInteger(index)) continue; // the wire also carries its `version`
    const name = FuseV1Options[index] ?? `fuse #${index}`;
    if (state === FuseState.REMOVED) continue; // this Electron no longer has it
    if (!(index in expected)) {
      problems.push(`${name}: not declared in electron-builder.yml (the binary has it ${state === FuseState.ENABLE ? 'enabled' : 'disabled'})`);
      continue;
    }
    const want = expected[index] ? FuseState.ENABLE : FuseState.DISABLE;
    if (state !== want) problems.push(`${name}: expected ${expected[index] ? 'enabled' : 'disabled'}, the binary has it ${state === FuseState.ENABLE ? 'enabled' : state === FuseState.DISABLE ? 'disabled' : `in state ${state}`}`);
  }
  return problems;
}

/** The packaged apps electron-builder writes under dist/: linux-unpacked, win-unpacked, and each mac folder's .app. */
export function packagedApps(dist) {
  const apps = [];
  if (!existsSync(dist)) return apps;
  for (const entry of readdirSync(dist, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(dist, entry.name);
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.app')) apps.push(join(dir, f));
      else if (entry.name.endsWith('-unpacked') && (f === 'signet' || f === 'Signet.exe')) apps.push(join(dir, f));
    }
  }
  return apps;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = resolve(process.argv[2] ?? join(ROOT, 'dist'));
  const apps = target.endsWith('.app') || !existsSync(target) || !readdirSync(target, { withFileTypes: true }).length ? [target] : packagedApps(target);
  if (apps.length === 0) {
    console.error(`check-fuses: no packaged app found under ${target} (run electron-builder first).`);
    process.exit(1);
  }
  const expected = expectedFuses();
  let failed = false;
  for (const app of apps) {
    const problems = fuseDifferences(await getCurrentFuseWire(app), expected);
    console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${app}`);
    for (const p of problems) console.log(`     ${p}`);
    failed ||= problems.length > 0;
  }
  process.exit(failed ? 1 : 0);
}

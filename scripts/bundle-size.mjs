#!/usr/bin/env node
/**
 * node scripts/bundle-size.mjs [--json]
 *
 * The renderer's weight: every .js and .css file of the built renderer (out/renderer/assets), raw and gzip
 * (zlib's default level), and two totals: what the window loads at start (the files index.html references;
 * rarely used screens are split into chunks loaded when opened) and everything. Exits 1 when the start-up
 * gzip total is over the budget (BUDGET_GZIP_BYTES), 2 when the renderer is not built. Run by `npm run bench`
 * after its own measures, and checked by scripts/bundle-size.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** 200 KB of gzip for all renderer JS and CSS together. */
export const BUDGET_GZIP_BYTES = 200 * 1024;
export const ASSETS = fileURLToPath(new URL('../out/renderer/assets', import.meta.url));

/** Each asset's raw and gzip size, and the totals; null when the renderer is not built. */
export function measure(dir = ASSETS) {
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((name) => /\.(js|css)$/.test(name))
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      return { name, raw: bytes.length, gzip: gzipSync(bytes).length };
    });
  const sum = (list, key) => list.reduce((n, f) => n + f[key], 0);
  const html = readFileSync(join(dir, '..', 'index.html'), 'utf8');
  const atStart = files.filter((f) => html.includes(`assets/${f.name}`));
  return {
    files: files.map((f) => ({ ...f, atStart: atStart.includes(f) })),
    initial: { raw: sum(atStart, 'raw'), gzip: sum(atStart, 'gzip') },
    total: { raw: sum(files, 'raw'), gzip: sum(files, 'gzip') },
    budgetGzip: BUDGET_GZIP_BYTES,
  };
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = measure();
  if (!result) {
    process.stderr.write('bundle-size: the renderer is not built; run `npm run build` first.\n');
    process.exit(2);
  }
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else {
    const width = Math.max(...result.files.map((f) => f.name.length), 5);
    process.stdout.write('Renderer bundle (out/renderer/assets)\n');
    for (const f of result.files)
      process.stdout.write(
        `  ${f.name.padEnd(width)}  ${kb(f.raw).padStart(10)} raw  ${kb(f.gzip).padStart(9)} gzip${f.atStart ? '  (at start)' : ''}\n`,
      );
    process.stdout.write(
      `  ${'at start'.padEnd(width)}  ${kb(result.initial.raw).padStart(10)} raw  ${kb(result.initial.gzip).padStart(9)} gzip` +
        `  (budget ${kb(BUDGET_GZIP_BYTES)} gzip)\n` +
        `  ${'all'.padEnd(width)}  ${kb(result.total.raw).padStart(10)} raw  ${kb(result.total.gzip).padStart(9)} gzip\n`,
    );
  }
  if (result.initial.gzip > BUDGET_GZIP_BYTES) {
    process.stderr.write(`bundle-size: ${kb(result.initial.gzip)} gzip at start is over the ${kb(BUDGET_GZIP_BYTES)} budget.\n`);
    process.exit(1);
  }
}

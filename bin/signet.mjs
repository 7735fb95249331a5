#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm run build` into out/cli/signet.mjs.
import { existsSync } from 'node:fs';

const bundle = new URL('../out/cli/signet.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('signet: the CLI is not built yet; run `npm run build` first.\n');
  process.exit(2);
}
await import(bundle.href);

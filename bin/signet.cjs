#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm run build` into out/cli/signet.cjs. CommonJS, like the bundle,
// so starting `signet` does not pay for Node's ESM loader.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'out', 'cli', 'signet.cjs');
if (!existsSync(bundle)) {
  process.stderr.write('signet: the CLI is not built yet; run `npm run build` first.\n');
  process.exit(2);
}
require(bundle);

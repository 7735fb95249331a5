/**
 * The import table in eslint.config.js (LAYERS) is enforced: each deliberately wrong import below must be an
 * error at the place it is written, and the right ones must pass. Linted as text at virtual paths, so no file
 * is written.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/imports').map((m) => m.message);
}

describe('layering (eslint.config.js LAYERS)', () => {
  it.each([
    ['the renderer → the Node core', 'src/renderer/features/x.ts', "import { signMmob } from '../../core/node/mmob/sign';", 'src/renderer may not import src/core/node'],
    ['the renderer → main', 'src/renderer/x.ts', "import { Vault } from '../main/vault/vault';", 'src/renderer may not import src/main'],
    ['the renderer → node:crypto', 'src/renderer/x.ts', "import { createHmac } from 'node:crypto';", 'Node module "node:crypto"'],
    ['the renderer → electron', 'src/renderer/x.ts', "import { ipcRenderer } from 'electron';", 'package "electron"'],
    ['the batch engine → the CLI', 'src/batch/x.ts', "import { runCli } from '../cli/program';", 'src/batch may not import src/cli'],
    ['the browser-safe core → the Node core', 'src/core/common/x.ts', "import { prepareHmacSha256 } from '../node/hmac';", 'src/core/common may not import src/core/node'],
    ['the browser-safe core → node:buffer', 'src/core/common/x.ts', "import { Buffer } from 'node:buffer';", 'src/core imports no Electron, React, DOM or Node I/O'],
    ['the Node core → node:fs', 'src/core/node/x.ts', "import { readFileSync } from 'node:fs';", 'Node module "node:fs"'],
    ['the Node core → node:crypto (loaded on first use instead)', 'src/core/node/x.ts', "import { createHmac } from 'node:crypto';", 'Node module "node:crypto"'],
    ['the Node core → react', 'src/core/node/x.ts', "import { useState } from 'react';", 'package "react"'],
    ['the core → main', 'src/core/node/x.ts', "import { Vault } from '../../main/vault/vault';", 'src/core/node may not import src/main'],
    ['the preload → the zod contract', 'src/preload/x.ts', "import { CHANNELS } from '../shared/contract';", 'src/preload may not import src/shared'],
    ['main → the test doubles', 'src/main/x.ts', "import { makeServices } from '../testing/main-services';", 'may not import the test doubles'],
    ['the CLI → a package (start-up)', 'src/cli/x.ts', "import { z } from 'zod';", 'package "zod"'],
    ['a dynamic import across layers', 'src/batch/x.ts', "export const load = () => import('../cli/program');", 'src/batch may not import src/cli'],
  ])('refuses %s', async (_name, path, code, expected) => {
    const errors = await layerErrors(path, code);
    expect(errors.join('\n')).toContain(expected);
  });

  it.each([
    ['the renderer → the browser-safe core', 'src/renderer/features/x.ts', "import { formatDuration } from '../../core/common/format';"],
    ['the renderer → the contract', 'src/renderer/x.ts', "import type { HistoryEntry } from '../shared/contract';"],
    ['the preload → the channel list and contract types', 'src/preload/x.ts', "import { buildApiObject } from '../shared/channels';\nimport type { SignetApi } from '../shared/contract';"],
    ['the Node core → node:buffer, @noble/hashes and the common core', 'src/core/node/x.ts', "import { Buffer } from 'node:buffer';\nimport { sha256 } from '@noble/hashes/sha2.js';\nimport { preview } from '../common/format';"],
    ['main → batch, core and electron', 'src/main/x.ts', "import { runBatch } from '../batch/run';\nimport { app } from 'electron';\nimport { verifyMmob } from '../core/node/mmob/verify';"],
    ['a test → the test doubles', 'src/main/x.test.ts', "import { makeServices } from '../testing/main-services';"],
  ])('allows %s', async (_name, path, code) => {
    expect(await layerErrors(path, code)).toEqual([]);
  });
});

import { statSync } from 'node:fs';
import { basename, extname, isAbsolute } from 'node:path';
import { SignetInputError } from '../../../core/common/errors';
import { parseVerifierTime, requireTimezone } from '../../../core/common/options';
import { DROPPABLE_EXTENSIONS } from '../../../core/common/product';
import type { AreaHandlers, HandlerDeps } from './deps';
import type { Secrets } from './secrets';

const droppable = (name: string) => (DROPPABLE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());

export function batchHandlers(deps: HandlerDeps, secrets: Secrets): AreaHandlers<'batch'> {
  // Only files the user picked in main's dialog or dropped on the form may be read: the renderer cannot
  // name arbitrary paths.
  const pickedFiles = new Set<string>();
  return {
    'batch:pickFile': async () => {
      const path = await deps.dialogs.openFile();
      if (!path) return { path: null, name: null, size: null };
      pickedFiles.add(path);
      let size: number | null = null;
      try {
        size = statSync(path).size;
      } catch {
        size = null;
      }
      return { path, name: basename(path), size };
    },
    'batch:useDroppedFile': async (r) => {
      // The preload read this path from a File the user dropped; still, only files that look like logs
      // are taken this way (a compromised page could otherwise aim the verifier, whose messages quote bits
      // of what they read, at other files). Anything else can still be chosen with the dialog.
      if (r.path === '' || !isAbsolute(r.path)) {
        throw new SignetInputError('BATCH_FILE', 'Drop a file from your disk (this item has no file path).', 'path');
      }
      const name = basename(r.path);
      if (!droppable(name)) {
        throw new SignetInputError(
          'BATCH_FILE',
          `"${name.slice(0, 80)}" is not a log file Signet takes by drag and drop (${DROPPABLE_EXTENSIONS.join(' ')}); use "Choose file…" for it.`,
          'path',
        );
      }
      let size: number;
      try {
        const stat = statSync(r.path);
        if (!stat.isFile()) throw new Error('not a regular file');
        size = stat.size;
      } catch {
        throw new SignetInputError('BATCH_FILE', `"${name.slice(0, 80)}" is not a readable file.`, 'path');
      }
      pickedFiles.add(r.path);
      return { path: r.path, name, size };
    },
    'batch:start': async (r) => {
      if (!pickedFiles.has(r.path)) {
        throw new SignetInputError(
          'BATCH_FILE',
          'Choose the input file with "Choose file…" (or drop it here) first.',
          'path',
        );
      }
      const secret = await secrets.resolve(r);
      const now = parseVerifierTime(r.now, 'iso-8601') ?? deps.now();
      const timezone =
        r.scheme === 'eber'
          ? requireTimezone(r.timezone || (await secrets.profileOfKind(r, 'eber'))?.settings.timezone)
          : undefined;
      return deps.batch.start({
        path: r.path,
        config: {
          scheme: r.scheme,
          format: r.format,
          secret,
          nowSeconds: Math.floor(now.getTime() / 1000),
          nowMs: now.getTime(),
          toleranceSeconds: r.toleranceSeconds,
          timezone,
        },
      });
    },
    'batch:status': async (r) => deps.batch.status(r.jobId),
    'batch:failures': async (r) => deps.batch.failures(r.jobId, r),
    'batch:cancel': async (r) => deps.batch.cancel(r.jobId),
    'batch:exportFailures': async (r) => {
      const path = await deps.dialogs.saveFile('signet-failures.csv');
      if (!path) return { path: null, rows: 0 };
      return { path, rows: deps.batch.exportFailures(r.jobId, path, r.code) };
    },
  };
}

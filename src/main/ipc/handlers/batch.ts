import { realpathSync } from 'node:fs';
import { basename, extname, isAbsolute } from 'node:path';
import { SignetInputError } from '../../../core/common/errors';
import { parseVerifierTime, requireTimezone } from '../../../core/common/options';
import { DROPPABLE_EXTENSIONS } from '../../../core/common/product';
import { admitBatchFile, type AdmittedFile } from '../../batch-jobs';
import type { AreaHandlers, HandlerDeps } from './deps';
import type { Secrets } from './secrets';

const droppable = (name: string) => (DROPPABLE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());

export function batchHandlers(deps: HandlerDeps, secrets: Secrets): AreaHandlers<'batch'> {
  // Only files the user picked in main's dialog or dropped on the form may be read: the renderer cannot
  // name arbitrary paths. Each is kept with the identity of the file admitted, checked again on start.
  const admitted = new Map<string, AdmittedFile>();
  const admit = (file: AdmittedFile) => {
    admitted.delete(file.path);
    admitted.set(file.path, file);
    // A handful is plenty: the form uses the last one.
    for (const key of admitted.keys()) if (admitted.size > 16) admitted.delete(key);
    return { path: file.path, name: file.name, size: file.size };
  };
  return {
    'batch:pickFile': async () => {
      const path = await deps.dialogs.openFile();
      if (!path) return { path: null, name: null, size: null };
      // The user chose this in main's own dialog (the page cannot forge it): a link they picked is taken as
      // the file it points to — resolved here, then admitted like any other path (no /proc, /dev, shares…).
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        throw new SignetInputError('BATCH_FILE', `"${basename(path).slice(0, 80)}" is not a readable file.`, 'path');
      }
      return admit(admitBatchFile(real));
    },
    'batch:useDroppedFile': async (r) => {
      // The preload read this path from a File the user dropped; still, a compromised page could forge it, so
      // only files that look like logs are taken this way, opened without following links, regular files only,
      // never under /proc, /sys, /dev or on a network share. Other files can still be chosen with the dialog.
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
      return admit(admitBatchFile(r.path));
    },
    'batch:start': async (r) => {
      const file = admitted.get(r.path);
      if (!file) {
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
        file,
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

/**
 * QA test packs from a saved profile: the secret stays here, the screen gets each case as text, and the last
 * pack is kept so pack:save writes it (in the format asked) to a file the person picks.
 */
import { writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';
import { SignetInputError } from '../../../core/common/errors';
import { expectedText, packCsv, packHtml, packJsonl, packMarkdown, type PackFormat } from '../../../core/common/packs';
import type { Pack } from '../../../core/common/packs/types';
import { generateEberPack, generateMmobPack } from '../../../core/node/packs/generate';
import type { PackSummary } from '../../../shared/contract';
import type { AreaHandlers, HandlerDeps } from './deps';
import type { Secrets } from './secrets';

export async function formatPack(pack: Pack, format: PackFormat): Promise<string> {
  if (format === 'jsonl') return packJsonl(pack);
  if (format === 'csv') return packCsv(pack);
  if (format === 'md') return packMarkdown(pack);
  const qr = new Map<string, string>();
  for (const c of pack.cases) {
    const v = c.signature ?? c.url ?? '';
    if (!qr.has(v)) qr.set(v, await QRCode.toString(v, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }));
  }
  return packHtml(pack, (t) => qr.get(t) ?? null);
}

export function summaryOf(pack: Pack): PackSummary {
  return {
    scheme: pack.scheme,
    generatedAt: pack.generatedAt,
    cases: pack.cases.map((c) => ({
      id: c.id,
      kind: c.kind,
      description: c.description,
      valid: c.expected.valid,
      expected: expectedText(c),
      value: c.signature ?? c.url ?? '',
    })),
    skipped: pack.skipped,
  };
}

export function packHandlers(deps: HandlerDeps, secrets: Secrets): AreaHandlers<'pack'> {
  let last: Pack | null = null;
  return {
    'pack:generate': async (r) => {
      const profile = await secrets.profileOfKind(r, 'mmob').catch(() => null);
      const secret = await secrets.resolve(r);
      if (profile !== null) {
        last = generateMmobPack(
          {
            secret,
            cpId: profile.settings.cpId,
            cpDeploymentId: profile.settings.cpDeploymentId,
            email: r.identifier ?? profile.settings.defaultEmail,
            toleranceSeconds: r.toleranceSeconds,
          },
          deps.now(),
        );
      } else {
        const eber = await secrets.profileOfKind(r, 'eber');
        if (eber === null) throw new SignetInputError('SECRET_REQUIRED', 'Choose a profile.', 'profileId');
        last = generateEberPack(
          {
            secret,
            baseUrl: eber.settings.baseUrl,
            identifierType: r.identifierType ?? eber.settings.defaultIdentifierType,
            identifier: r.identifier ?? '',
            phoneCode: r.phoneCode,
            timezone: eber.settings.timezone,
            locale: r.locale ?? eber.settings.defaultLocale ?? undefined,
            expiresInMinutes: r.expiresInMinutes,
          },
          deps.now(),
        );
      }
      return summaryOf(last);
    },
    'pack:save': async (r) => {
      const pack = last;
      if (pack === null) throw new SignetInputError('PACK_NONE', 'Generate a test pack first, then save it.');
      const path = await deps.dialogs.saveFile(`signet-${pack.scheme}-pack.${r.format}`);
      if (!path) return { path: null };
      try {
        await writeFile(path, await formatPack(pack, r.format), 'utf8');
      } catch (e) {
        throw new SignetInputError(
          'PACK_WRITE_FAILED',
          `The test pack could not be written (${(e as NodeJS.ErrnoException).code ?? 'error'}).`,
        );
      }
      return { path };
    },
  };
}

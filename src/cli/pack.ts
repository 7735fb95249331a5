/**
 * `signet pack mmob|eber`: a QA test pack — the valid case, one case per catalogued mistake, time cases and
 * (mmob) a replayed nonce, each with the verdict, codes and hint Signet names — as JSONL, CSV, a Markdown
 * checklist or a self-contained HTML page. JSONL and CSV go straight into `signet verify-batch`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EBER_LOCALE_CODES, type EberIdentifierType } from '../core/common/eber/constants';
import { DEFAULT_TOLERANCE_SECONDS } from '../core/common/product';
import { PACK_FORMATS, type PackFormat } from '../core/common/packs/format';
import type { Pack } from '../core/common/packs/types';
import { wholeNumber, type CliCommand } from './args';
import { EXIT_OK, UsageError, type CliIo } from './io';
import { readSecret, SECRET_OPTIONS, type SecretOptions } from './secret';

export const PACK_SCHEMES = ['mmob', 'eber'] as const;

interface PackOptions extends SecretOptions {
  scheme: (typeof PACK_SCHEMES)[number];
  format: PackFormat;
  outDir?: string;
  cpId?: string;
  deploymentId?: string;
  email?: string;
  tolerance: number;
  baseUrl?: string;
  phone?: string;
  phoneCode?: string;
  customId?: string;
  timezone?: string;
  locale?: string;
  expiresIn: number;
  json?: boolean;
}

/** `pack mmob …` → `pack --scheme mmob …`: the scheme may come first, as a word. */
export function packArgs(rest: readonly string[]): string[] {
  const [first, ...others] = rest;
  return first !== undefined && (PACK_SCHEMES as readonly string[]).includes(first)
    ? ['--scheme', first, ...others]
    : [...rest];
}

function needed(value: string | undefined, flag: string, example: string): string {
  if (value === undefined || value.length === 0) throw new UsageError('USAGE', `--${flag} is needed, e.g. ${example}.`);
  return value;
}

/** Every format of a pack as text (HTML with its QR codes). */
export async function formatPack(pack: Pack, format: PackFormat): Promise<string> {
  const f = await import('../core/common/packs');
  if (format === 'jsonl') return f.packJsonl(pack);
  if (format === 'csv') return f.packCsv(pack);
  if (format === 'md') return f.packMarkdown(pack);
  const { qrSvgs } = await import('./pack-qr');
  const qr = await qrSvgs(pack.cases.map((c) => c.signature ?? c.url ?? ''));
  return f.packHtml(pack, (t) => qr.get(t) ?? null);
}

export function packCommand(io: CliIo, clock: () => Date): CliCommand {
  return {
    args: packArgs,
    spec: {
      path: ['pack'],
      description:
        'generate a QA test pack: the valid case, one per known mistake, time cases and a replay, each with its expected verdict (`pack mmob` = `pack --scheme mmob`)',
      options: [
        { flag: 'scheme', value: '<scheme>', description: 'which login scheme', required: true, choices: PACK_SCHEMES },
        { flag: 'format', value: '<format>', description: 'what to print', choices: PACK_FORMATS, default: 'jsonl' },
        { flag: 'out-dir', value: '<dir>', description: 'write every format into this folder instead of printing one' },
        { flag: 'cp-id', value: '<id>', description: 'mmob: content provider id' },
        { flag: 'deployment-id', value: '<id>', description: 'mmob: content provider deployment id' },
        {
          flag: 'tolerance',
          value: '<seconds>',
          description: 'mmob: the verifier tolerance the time cases straddle',
          parse: wholeNumber('--tolerance', 1),
          default: DEFAULT_TOLERANCE_SECONDS,
        },
        { flag: 'email', value: '<email>', description: 'mmob: customer email; Eber: identify the member by email' },
        { flag: 'base-url', value: '<url>', description: 'Eber: https origin, e.g. https://demo.eber.co' },
        { flag: 'phone', value: '<phone>', description: 'Eber: identify the member by phone number' },
        { flag: 'phone-code', value: '<iso>', description: 'Eber: country of --phone as ISO 3166 alpha-2, e.g. MY' },
        { flag: 'custom-id', value: '<id>', description: 'Eber: identify the member by custom id' },
        { flag: 'timezone', value: '<iana>', description: 'Eber: business time zone, e.g. Asia/Singapore' },
        { flag: 'locale', value: '<locale>', description: 'Eber: login page language', choices: EBER_LOCALE_CODES },
        {
          flag: 'expires-in',
          value: '<minutes>',
          description: 'Eber: lifetime of the valid case',
          parse: wholeNumber('--expires-in', 2),
          default: 30,
        },
        ...SECRET_OPTIONS,
        { flag: 'json', description: 'print exactly one JSON object on stdout: {pack} or, with --out-dir, {files}' },
      ],
    },
    run: (async (o: PackOptions) => {
      const { generateEberPack, generateMmobPack } = await import('../core/node/packs/generate');
      let pack: Pack;
      if (o.scheme === 'mmob') {
        pack = generateMmobPack(
          {
            secret: readSecret(o, io),
            cpId: needed(o.cpId, 'cp-id', '--cp-id 1234'),
            cpDeploymentId: needed(o.deploymentId, 'deployment-id', '--deployment-id 5678'),
            email: o.email ?? '',
            toleranceSeconds: o.tolerance,
          },
          clock(),
        );
      } else {
        const ids = (
          [
            ['email', o.email],
            ['phone', o.phone],
            ['customId', o.customId],
          ] as const
        ).filter(([, v]) => v !== undefined);
        if (ids.length !== 1)
          throw new UsageError('IDENTIFIER', 'Give exactly one of --email, --phone or --custom-id.');
        const [identifierType, identifier] = ids[0]! as [EberIdentifierType, string];
        pack = generateEberPack(
          {
            secret: readSecret(o, io),
            baseUrl: needed(o.baseUrl, 'base-url', '--base-url https://demo.eber.co'),
            identifierType,
            identifier,
            phoneCode: o.phoneCode,
            timezone: needed(o.timezone, 'timezone', '--timezone Asia/Singapore'),
            locale: o.locale,
            expiresInMinutes: o.expiresIn,
          },
          clock(),
        );
      }
      if (o.outDir !== undefined) {
        mkdirSync(o.outDir, { recursive: true });
        const files: string[] = [];
        for (const format of PACK_FORMATS) {
          const path = join(o.outDir, `signet-${pack.scheme}-pack.${format}`);
          writeFileSync(path, await formatPack(pack, format));
          files.push(path);
        }
        const size = `${pack.cases.length} cases${pack.skipped.length > 0 ? `, ${pack.skipped.length} skipped` : ''}`;
        return {
          exitCode: EXIT_OK,
          json: { files, cases: pack.cases.length, skipped: pack.skipped },
          text: `${size}\n${files.join('\n')}\n`,
        };
      }
      return { exitCode: EXIT_OK, json: { pack }, text: await formatPack(pack, o.format) };
    }) as CliCommand['run'],
  };
}

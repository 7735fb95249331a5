/**
 * A pack as text: JSONL and CSV (both readable by `signet verify-batch` as they stand: the extra columns are
 * ignored there) and a Markdown checklist. Pure text work, browser-safe.
 */
import type { Pack, PackCase } from './types';

export const PACK_FORMATS = ['jsonl', 'csv', 'md', 'html'] as const;
export type PackFormat = (typeof PACK_FORMATS)[number];
export const PACK_FILE_EXTENSIONS: Record<PackFormat, string> = { jsonl: 'jsonl', csv: 'csv', md: 'md', html: 'html' };

/** The case as a verify-batch record plus what QA needs: one JSON object per line. */
export function caseRecord(pack: Pack, c: PackCase): Record<string, unknown> {
  const value =
    pack.scheme === 'mmob'
      ? { signature: c.signature, cpId: c.cpId, cpDeploymentId: c.cpDeploymentId, email: c.email }
      : { url: c.url };
  return {
    id: c.id,
    kind: c.kind,
    hint: c.hint,
    description: c.description,
    ...value,
    now: c.now,
    expected: c.expected,
    ...(c.replayOf !== undefined ? { replayOf: c.replayOf } : {}),
  };
}

export function packJsonl(pack: Pack): string {
  return pack.cases.map((c) => `${JSON.stringify(caseRecord(pack, c))}\n`).join('');
}

/** RFC 4180: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function packCsv(pack: Pack): string {
  const valueColumns = pack.scheme === 'mmob' ? ['signature', 'cpId', 'cpDeploymentId', 'email'] : ['url'];
  const header = [
    'id',
    'kind',
    'hint',
    'description',
    ...valueColumns,
    'now',
    'expected_valid',
    'expected_codes',
    'expected_hints',
    'expected_warnings',
    'replay_of',
  ];
  const rows = pack.cases.map((c) => {
    const values = pack.scheme === 'mmob' ? [c.signature, c.cpId, c.cpDeploymentId, c.email] : [c.url];
    return [
      c.id,
      c.kind,
      c.hint ?? '',
      c.description,
      ...values.map((v) => v ?? ''),
      String(c.now),
      String(c.expected.valid),
      c.expected.codes.join(' '),
      c.expected.hints.join(' '),
      c.expected.warnings.join(' '),
      c.replayOf ?? '',
    ]
      .map(csvField)
      .join(',');
  });
  return [header.join(','), ...rows].map((l) => `${l}\r\n`).join('');
}

/** What a verifier should answer, in words: "valid" or "invalid: CODE, CODE; hint HINT". */
export function expectedText(c: PackCase): string {
  const e = c.expected;
  const parts = [e.valid ? 'valid' : `invalid: ${e.codes.join(', ')}`];
  if (e.hints.length > 0) parts.push(`hint ${e.hints.join(', ')}`);
  if (e.warnings.length > 0) parts.push(`warning ${e.warnings.join(', ')}`);
  return parts.join('; ');
}

/** An inline code span that holds any text (the fence is longer than any backtick run inside). */
export function mdCode(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/[\r\n]+/g, ' ')}${pad}${fence}`;
}

/** Markdown text outside code: characters that would start markup are backslash-escaped. */
export function mdText(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`).replace(/[\r\n]+/g, ' ');
}

export function packTitle(pack: Pack): string {
  return `Signet QA pack — ${pack.scheme === 'mmob' ? 'mmob Secure Identity' : 'Eber HMAC login'}`;
}

export function packMarkdown(pack: Pack): string {
  const lines = [`# ${packTitle(pack)}`, ''];
  lines.push(`Generated ${mdCode(pack.generatedAt)}; every verdict below holds at that moment.`);
  if (pack.toleranceSeconds !== undefined) lines.push(`Tolerance: ${pack.toleranceSeconds} s.`);
  if (pack.timezone !== undefined) lines.push(`Business time zone: ${mdCode(pack.timezone)}.`);
  lines.push('', '| field | value |', '| --- | --- |');
  for (const [k, v] of Object.entries(pack.identity))
    lines.push(`| ${mdText(k)} | ${mdCode(v).replaceAll('|', '\\|')} |`);
  lines.push('', '## Checklist', '');
  for (const c of pack.cases) {
    lines.push(`- [ ] **${mdCode(c.id)}** — ${mdText(c.description)} Expect: ${mdCode(expectedText(c))}.`);
    lines.push(`  ${mdCode(pack.scheme === 'mmob' ? (c.signature ?? '') : (c.url ?? ''))}`);
    if (c.replayOf !== undefined)
      lines.push(
        `  Send it after ${mdText(c.replayOf)}. \`signet verify-batch\` judges each line alone, so there it reads as ${mdText(c.replayOf)} does.`,
      );
  }
  if (pack.skipped.length > 0) {
    lines.push('', '## Not in this pack', '');
    for (const s of pack.skipped) lines.push(`- ${mdText(s.id)}: ${mdText(s.reason)}`);
  }
  return `${lines.join('\n')}\n`;
}

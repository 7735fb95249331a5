import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EBER_HINTS, EBER_VERIFY_WARNINGS } from '../../common/eber/constants';
import { readPhpQuery } from './query';
import { verifyEberUrl } from './verify';

interface HintVector {
  name: string;
  url: string;
  secret: string;
  alternates?: { label: string; secret: string }[];
  timezone: string;
  now: string;
  valid: boolean;
  codes: string[];
  hints: string[];
  warnings: string[];
  textContains?: string;
  computedWith: string;
  phpGet: Record<string, string | string[]>;
}

const VECTORS = JSON.parse(
  readFileSync(new URL('../../../../vectors/eber-hints.json', import.meta.url), 'utf8'),
) as HintVector[];

/** $_GET as Signet reads it: the last value of each name, arrays as arrays. */
function signetGet(search: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const p of readPhpQuery(search)) out[p.phpName] = p.array ? [p.decoded] : p.decoded;
  return out;
}

describe('eber-hints.json: every hint and warning, hashes by PHP hash_hmac', () => {
  for (const v of VECTORS) {
    it(`${v.name} → ${[...v.codes, ...v.hints, ...v.warnings].join(', ') || 'valid'}`, () => {
      const r = verifyEberUrl({
        url: v.url,
        secret: v.secret,
        alternates: v.alternates,
        timezone: v.timezone,
        now: new Date(v.now),
      });
      expect(r.valid).toBe(v.valid);
      expect(r.codes).toEqual(v.codes);
      expect(r.hints).toEqual(v.hints);
      expect(r.warnings).toEqual(v.warnings);
      if (v.textContains) expect(r.details.messages.join('\n')).toContain(v.textContains);
      for (const h of v.hints) expect(r.details.explanations.find((x) => x.code === h)?.kind).toBe('hint');
    });
    it(`${v.name}: the query reads as PHP's parse_str read it`, () => {
      const url = new URL(v.url);
      expect(signetGet(url.search)).toEqual(v.phpGet);
    });
  }

  it('covers every hint and every warning', () => {
    const named = new Set(VECTORS.flatMap((v) => [...v.hints, ...v.warnings]));
    expect([...Object.keys(EBER_HINTS), ...Object.keys(EBER_VERIFY_WARNINGS)].filter((k) => !named.has(k))).toEqual([]);
  });
});

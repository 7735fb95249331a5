import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadVectors } from '../../../testing/vectors';
import { buildEberUrl } from '../eber/url';
import { parseInstant } from '../../common/time';
import { verifyEberUrl } from '../eber/verify';
import { SignetInputError } from '../../common/errors';
import { signMmob } from '../mmob/sign';
import { verifyMmob } from '../mmob/verify';
import {
  MAX_RECORD_LENGTH,
  parseCsvHeader,
  parseCsvLine,
  createBatchVerifier,
  RecordError,
  serializeRecord,
  validateBatchConfig,
  verifyChunk,
  verifyRecord,
  type BatchConfig,
  type BatchRecordResult,
  type SummaryJsonCache,
} from '.';

const SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const NOW = 1_735_689_600;
const NONCE = 'a3f1c9e07b2d4e6f8a1b3c5d7e9f0a2b';

function mmobConfig(over: Partial<BatchConfig> = {}): BatchConfig {
  return { scheme: 'mmob', format: 'jsonl', secret: SECRET, nowSeconds: NOW, nowMs: NOW * 1000, ...over };
}

function results(config: BatchConfig, text: string, firstLine = 1): BatchRecordResult[] {
  return verifyChunk(config, text, firstLine)
    .jsonl.toString('utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as BatchRecordResult);
}

function signed(i: number, over: { email?: string; timestamp?: number } = {}): string {
  const email = over.email ?? `user${i}@example.com`;
  return signMmob({
    secret: SECRET,
    cpId: 'cp_7Hq2',
    cpDeploymentId: 'cpd_01HZX3K9',
    email,
    timestamp: over.timestamp ?? NOW,
    nonce: NONCE,
  }).signature;
}

function mmobLine(signature: string, email: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ signature, cpId: 'cp_7Hq2', cpDeploymentId: 'cpd_01HZX3K9', email, ...extra });
}

describe('batch = single verifier, on every conformance vector', () => {
  for (const v of loadVectors('mmob-verify')) {
    it(`mmob: ${v.name} (${v.origin})`, () => {
      const config = mmobConfig({
        secret: v.secret,
        toleranceSeconds: v.toleranceSeconds,
        nowSeconds: 1,
        details: true,
      });
      // The record's own `now` overrides the batch clock (1), as a log's capture time would.
      const [r] = results(
        config,
        `${mmobLine(v.signature, v.email, { cpId: v.cpId, cpDeploymentId: v.cpDeploymentId, now: v.now })}\n`,
      );
      const single = verifyMmob({ ...v, now: v.now });
      expect(r).toEqual({
        line: 1,
        valid: single.valid,
        codes: single.codes,
        hints: single.hints,
        summary: single.details.summary,
        details: single.details,
      });
      expect(r).toMatchObject({ valid: v.valid, codes: v.codes, hints: v.hints ?? [] });
    });
  }
  for (const v of loadVectors('eber-verify')) {
    const single = verifyEberUrl({ url: v.url, secret: v.secret, timezone: v.timezone, now: parseInstant(v.now)! });
    const expected = { valid: single.valid, codes: single.codes, hints: single.hints, summary: single.details.summary };
    it(`eber, one URL per line: ${v.name} (${v.origin})`, () => {
      const config: BatchConfig = {
        scheme: 'eber',
        format: 'lines',
        secret: v.secret,
        timezone: v.timezone,
        nowSeconds: 0,
        nowMs: parseInstant(v.now)!.getTime(),
      };
      expect(results(config, v.url)).toEqual([{ line: 1, ...expected }]);
      expect(expected).toMatchObject({ valid: v.valid, codes: v.codes, hints: v.hints ?? [] });
    });
    it(`eber, JSONL with the record's own now: ${v.name} (${v.origin})`, () => {
      const config: BatchConfig = {
        scheme: 'eber',
        format: 'jsonl',
        secret: v.secret,
        timezone: v.timezone,
        nowSeconds: 0,
        nowMs: 0,
      };
      expect(results(config, JSON.stringify({ url: v.url, now: v.now }))).toEqual([{ line: 1, ...expected }]);
    });
  }
});

describe('batch = single verifier, on generated mixed-validity data', () => {
  const mutation = fc.constantFrom('none', 'stale', 'future', 'email', 'swap', 'ms', 'hex', 'junk', 'nonce', 'crlf');
  it('mmob: every record gets exactly the single verdict, codes, hints and details, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(mutation, fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 30 }),
        (specs) => {
          const lines: string[] = [];
          const inputs: Parameters<typeof verifyMmob>[0][] = [];
          specs.forEach(([m, email], i) => {
            let sig = signed(i, {
              email,
              timestamp: m === 'stale' ? NOW - 600 : m === 'future' ? NOW + 600 : m === 'ms' ? NOW * 1000 : NOW,
            });
            let cpId = 'cp_7Hq2';
            let cpDeploymentId = 'cpd_01HZX3K9';
            if (m === 'email') email = `${email}x`;
            if (m === 'swap') [cpId, cpDeploymentId] = [cpDeploymentId, cpId];
            if (m === 'hex')
              sig = sig.replace(/:[^:]+:/, (p) => `:${Buffer.from(p.slice(1, -1), 'base64').toString('hex')}:`);
            if (m === 'junk') sig = `${sig}:extra`;
            if (m === 'nonce') sig = sig.replace(NONCE, 'short');
            lines.push(JSON.stringify({ signature: sig, cpId, cpDeploymentId, email }) + (m === 'crlf' ? '\r' : ''));
            inputs.push({ signature: sig, cpId, cpDeploymentId, email, secret: SECRET, now: NOW });
          });
          const got = results(mmobConfig({ details: true }), lines.join('\n') + '\n', 7);
          expect(got).toEqual(
            inputs.map((input, i) => {
              const r = verifyMmob(input);
              return {
                line: 7 + i,
                valid: r.valid,
                codes: r.codes,
                hints: r.hints,
                summary: r.details.summary,
                details: r.details,
              };
            }),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('eber: generated URLs with mistakes get exactly the single verdicts', () => {
    const secret = 'Eb3r-Pub1ic-Test-Key';
    const now = new Date('2030-01-15T01:00:00Z');
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('none', 'expired', 'upper', 'plus', 'cut'), fc.integer({ min: 0, max: 9999 })),
          { minLength: 1, maxLength: 20 },
        ),
        (specs) => {
          const urls = specs.map(([m, n]) => {
            const { url } = buildEberUrl({
              secret,
              baseUrl: 'https://demo.eber.co',
              identifierType: 'email',
              identifier: `m+${n}@example.com`,
              expiry: m === 'expired' ? '2030-01-14 09:30:00' : '2030-01-15 09:30:00',
            });
            if (m === 'upper')
              return url.replace(/hmac_hash=([0-9a-f]+)/, (_, h: string) => `hmac_hash=${h.toUpperCase()}`);
            if (m === 'plus') return url.replace('%2B', '+');
            if (m === 'cut') return url.slice(0, 40);
            return url;
          });
          const config: BatchConfig = {
            scheme: 'eber',
            format: 'lines',
            secret,
            timezone: 'Asia/Singapore',
            nowSeconds: 0,
            nowMs: now.getTime(),
          };
          expect(results(config, urls.join('\r\n'))).toEqual(
            urls.map((url, i) => {
              const r = verifyEberUrl({ url, secret, timezone: 'Asia/Singapore', now });
              return { line: i + 1, valid: r.valid, codes: r.codes, hints: r.hints, summary: r.details.summary };
            }),
          );
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('lines the batch cannot read', () => {
  it('are reported with their line number and the batch goes on', () => {
    const text = [
      mmobLine(signed(1), 'user1@example.com'),
      '{"signature": "1:2:3", ',
      '[1, 2]',
      JSON.stringify({ signature: 'a:b:c', cpId: 'x' }),
      JSON.stringify({ signature: 5, cpId: 'x', cpDeploymentId: 'y' }),
      mmobLine(signed(6), 'user6@example.com', { now: 'yesterday' }),
      'x'.repeat(MAX_RECORD_LENGTH + 1),
      mmobLine(signed(8), 'user8@example.com'),
    ].join('\n');
    const r = verifyChunk(mmobConfig(), text, 1);
    const lines = r.jsonl
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as BatchRecordResult);
    expect(lines.map((l) => [l.line, 'error' in l ? l.error.code : l.valid])).toEqual([
      [1, true],
      [2, 'JSON_INVALID'],
      [3, 'JSON_NOT_OBJECT'],
      [4, 'FIELD_MISSING'],
      [5, 'FIELD_TYPE'],
      [6, 'NOW_INVALID'],
      [7, 'LINE_TOO_LONG'],
      [8, true],
    ]);
    expect(lines[3]).toMatchObject({ valid: false, error: { message: '"cpDeploymentId" is missing.' } });
    expect(r.counts).toEqual({
      records: 8,
      valid: 2,
      invalid: 0,
      malformed: 6,
      codes: {},
      hints: {},
      errors: {
        JSON_INVALID: 1,
        JSON_NOT_OBJECT: 1,
        FIELD_MISSING: 1,
        FIELD_TYPE: 1,
        NOW_INVALID: 1,
        LINE_TOO_LONG: 1,
      },
    });
  });

  it('skips blank lines but keeps numbering, and reads CRLF and a UTF-8 BOM', () => {
    const text = `\uFEFF${mmobLine(signed(1), 'user1@example.com')}\r\n\r\n   \n${mmobLine(signed(4), 'user4@example.com')}\r\n`;
    const r = verifyChunk(mmobConfig(), text, 1);
    expect(results(mmobConfig(), text).map((l) => [l.line, l.valid])).toEqual([
      [1, true],
      [4, true],
    ]);
    expect(r.lines).toBe(4);
    // A BOM is only a BOM at the very start of the input.
    expect(results(mmobConfig(), `\uFEFF${mmobLine(signed(1), 'user1@example.com')}`, 2)[0]).toMatchObject({
      error: { code: 'JSON_INVALID' },
    });
  });

  it('empty input: no records, no output', () => {
    expect(verifyChunk(mmobConfig(), '', 1)).toEqual({
      jsonl: Buffer.alloc(0),
      counts: expect.objectContaining({ records: 0 }),
      lines: 0,
    });
  });
});

describe('summary and options', () => {
  it('counts records per code and per hint; failuresOnly writes only the failures', () => {
    const stale = mmobLine(signed(1, { timestamp: NOW - 3600 }), 'user1@example.com');
    const swapped = JSON.stringify({
      signature: signed(2),
      cpId: 'cpd_01HZX3K9',
      cpDeploymentId: 'cp_7Hq2',
      email: 'user2@example.com',
    });
    const ok = mmobLine(signed(3), 'user3@example.com');
    const r = verifyChunk(mmobConfig({ failuresOnly: true }), [stale, swapped, ok, stale].join('\n'), 1);
    expect(r.counts).toMatchObject({
      records: 4,
      valid: 1,
      invalid: 3,
      codes: { TIMESTAMP_TOO_OLD: 2, SIGNATURE_MISMATCH: 1 },
      hints: { FIELDS_SWAPPED: 1 },
    });
    expect(
      r.jsonl
        .toString('utf8')
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as BatchRecordResult).line),
    ).toEqual([1, 2, 4]);
  });

  it('summaryOnly writes nothing and counts exactly as the full output does', () => {
    const lines = [
      mmobLine(signed(1, { timestamp: NOW - 3600 }), 'user1@example.com'),
      mmobLine(signed(2), 'user2@example.com'),
      mmobLine(signed(3), 'USER3@example.com'),
      '{"signature": ',
    ].join('\n');
    const full = verifyChunk(mmobConfig(), lines, 1);
    const only = verifyChunk(mmobConfig({ summaryOnly: true }), lines, 1);
    expect(only.jsonl.length).toBe(0);
    expect(only.counts).toEqual(full.counts);
    expect(only.lines).toBe(full.lines);
  });

  it('a bad secret or time zone is a usage error before any record', () => {
    expect(() => validateBatchConfig(mmobConfig({ secret: '!!!!' }))).toThrow(SignetInputError);
    expect(() =>
      validateBatchConfig({
        scheme: 'eber',
        format: 'lines',
        secret: 's',
        timezone: 'Mars/Base',
        nowSeconds: 0,
        nowMs: 0,
      }),
    ).toThrow(/time zone/);
    expect(() => validateBatchConfig(mmobConfig({ secret: '' }))).toThrow(/empty/);
  });
});

describe('CSV', () => {
  it('splits fields with quotes, escaped quotes and empty fields', () => {
    expect(parseCsvLine('a,"b,c","say ""hi""",,')).toEqual(['a', 'b,c', 'say "hi"', '', '']);
    expect(parseCsvLine('')).toEqual(['']);
    expect(() => parseCsvLine('a,"open')).toThrow(RecordError);
    expect(() => parseCsvLine('"a"b,c')).toThrow(/closing quote/);
  });

  it('reads the header by name in any case or spelling, and names missing columns', () => {
    expect(parseCsvHeader('mmob', '\uFEFFSignature,cp_id,CP Deployment ID,email\r')).toEqual({
      signature: 0,
      cpId: 1,
      cpDeploymentId: 2,
      email: 3,
    });
    expect(parseCsvHeader('eber', 'id,url,now')).toEqual({ url: 1, now: 2 });
    expect(() => parseCsvHeader('mmob', 'signature,email')).toThrow(/"cpId", "cpDeploymentId"/);
  });

  it('verifies rows exactly as the single verifier, and reports short rows', () => {
    const columns = parseCsvHeader('mmob', 'email,signature,cpId,cpDeploymentId,now');
    const sig = signed(1);
    const config = mmobConfig({ format: 'csv', csvColumns: columns });
    const got = results(
      config,
      `user1@example.com,${sig},cp_7Hq2,cpd_01HZX3K9,${NOW + 3600}\n"user1@example.com",${sig},cp_7Hq2,cpd_01HZX3K9,\nonly,two\n`,
      2,
    );
    const single = verifyMmob({
      signature: sig,
      cpId: 'cp_7Hq2',
      cpDeploymentId: 'cpd_01HZX3K9',
      email: 'user1@example.com',
      secret: SECRET,
      now: NOW + 3600,
    });
    expect(got[0]).toEqual({
      line: 2,
      valid: false,
      codes: single.codes,
      hints: single.hints,
      summary: single.details.summary,
    });
    expect(got[1]).toMatchObject({ line: 3, valid: true });
    expect(got[2]).toMatchObject({ line: 4, error: { code: 'CSV_FIELDS' } });
  });
});

describe('serializeRecord', () => {
  it('writes exactly what JSON.stringify writes, for any record shape', () => {
    const summaries: SummaryJsonCache = new Map();
    const identifiers = fc.array(
      fc.constantFrom('SIGNATURE_MISMATCH', 'NONCE_LENGTH', 'EMAIL_MISMATCH', 'HASH_MISMATCH'),
      {
        maxLength: 3,
      },
    );
    const verdict = fc.record({
      line: fc.nat(),
      valid: fc.boolean(),
      codes: identifiers,
      hints: identifiers,
      summary: fc.oneof(fc.constant('Valid signature.'), fc.string({ unit: 'binary', maxLength: 80 })),
    });
    const withDetails = fc.record({
      line: fc.nat(),
      valid: fc.boolean(),
      codes: identifiers,
      hints: identifiers,
      summary: fc.string(),
      details: fc.jsonValue(),
    });
    const error = fc.record({
      line: fc.nat(),
      valid: fc.constant(false as const),
      error: fc.record({ code: fc.string(), message: fc.string({ unit: 'binary' }) }),
    });
    fc.assert(
      fc.property(fc.oneof(verdict, withDetails, error), (r) => {
        // Twice: the second time the summary comes from the cache.
        expect(serializeRecord(r, summaries)).toBe(JSON.stringify(r));
        expect(serializeRecord(r, summaries)).toBe(JSON.stringify(r));
        expect(serializeRecord(r)).toBe(JSON.stringify(r)); // and without a cache
      }),
      { numRuns: 3000 },
    );
  });
});

describe('createBatchVerifier', () => {
  const OTHER = 'Zm9vYmFyYmF6cXV4LXNlY29uZC1zZWNyZXQtZm9yLXRlc3Rz';
  const chunkOf = (from: number) =>
    [0, 1, 2].map((k) => mmobLine(signed(from + k), `user${from + k}@example.com`)).join('\n') + '\n';
  const lines = (jsonl: Buffer) =>
    jsonl
      .toString('utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as BatchRecordResult);

  it('two batches with different secrets, chunks interleaved A, B, A, B …: each says what its own secret says', () => {
    const a = createBatchVerifier(mmobConfig({ details: true }));
    const b = createBatchVerifier(mmobConfig({ secret: OTHER, details: true }));
    for (let i = 0; i < 8; i++) {
      const text = chunkOf(i * 3);
      const [verifier, secret] = i % 2 === 0 ? [a, SECRET] : [b, OTHER];
      const got = verifier.verifyChunk(text, 1 + i * 3);
      // Exactly the one-shot verdicts for this secret; A's records are valid only for A.
      expect(got).toEqual(verifyChunk(mmobConfig({ secret, details: true }), text, 1 + i * 3));
      expect(lines(got.jsonl).map((l) => l.valid)).toEqual([secret === SECRET, secret === SECRET, secret === SECRET]);
      expect(got.counts.codes).toEqual(secret === SECRET ? {} : { SIGNATURE_MISMATCH: 3 });
    }
  });

  it('verifyRecord says what verifyChunk says, line numbers included', () => {
    const v = createBatchVerifier(mmobConfig());
    const line = mmobLine(signed(1), 'user1@example.com');
    expect(v.verifyRecord(line, 9)).toEqual(lines(v.verifyChunk(line, 9).jsonl)[0]);
    expect(v.verifyRecord('not json', 3)).toMatchObject({ line: 3, error: { code: 'JSON_INVALID' } });
  });

  it('an unusable secret fails every record with its error, after the record\'s own (as verifyChunk always did)', () => {
    const text = `${mmobLine(signed(1), 'user1@example.com')}\nnot json\n`;
    const got = lines(createBatchVerifier(mmobConfig({ secret: '!!!!' })).verifyChunk(text, 1).jsonl);
    expect(got.map((l) => ('error' in l ? l.error.code : l.valid))).toEqual(['SECRET_NOT_BASE64', 'JSON_INVALID']);
    const eber: BatchConfig = { scheme: 'eber', format: 'lines', secret: '', timezone: 'Mars/Base', nowSeconds: 0, nowMs: 0 };
    const eberGot = lines(createBatchVerifier(eber).verifyChunk('https://demo.eber.co/login/hmac?hmac_email=a\n', 1).jsonl);
    expect(eberGot.map((l) => ('error' in l ? l.error.code : l.valid))).toEqual(['TIMEZONE_INVALID']);
  });
});

describe('a record’s own "now" needs an offset', () => {
  it('refuses one without Z or an offset (it would be read in the machine’s zone) and takes one with', () => {
    const config = { scheme: 'eber', format: 'jsonl', secret: 's', nowSeconds: 0, nowMs: 0, timezone: 'UTC' } as const;
    const url = 'https://demo.eber.co/login/hmac?hmac_email=a%40b.co&hmac_hash=' + '0'.repeat(64);
    const without = verifyRecord(config, JSON.stringify({ url, now: '2030-01-15T09:00:00' }), 1);
    expect(without).toMatchObject({ valid: false, error: { code: 'NOW_INVALID', message: expect.stringContaining('with Z or a UTC offset') } });
    for (const now of ['2030-01-15T09:00:00Z', '2030-01-15T09:00:00+08:00', '2030-01-15T09:00:00-0500']) {
      expect('error' in verifyRecord(config, JSON.stringify({ url, now }), 1), now).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { parseMmobRecord, RecordError } from './records';
import { seeded } from '../../../testing/seeded';

/** The record, or the error's code and (but for JSON syntax errors, whose text holds a position) message. */
function read(line: string): unknown {
  try {
    return parseMmobRecord(line, 'jsonl');
  } catch (e) {
    if (!(e instanceof RecordError)) throw e;
    return e.code === 'JSON_INVALID' ? { code: e.code } : { code: e.code, message: e.message };
  }
}

describe('parseMmobRecord: the plain-JSONL fast path', () => {
  it('reads every line exactly as JSON.parse does (a leading space forces JSON.parse)', () => {
    const base = [
      '{"signature":"1735689600:abc=:n","cpId":"cp","cpDeploymentId":"cpd","email":"a@b.c"}',
      '{"signature":"s","cpId":"cp","cpDeploymentId":"cpd","now":"1735689600"}',
      '{"signature":"s","cpId":"cp","cpDeploymentId":"cpd","email":"é😀","x":"y","signature":"t"}',
      '{"signature":"s","cpId":"cp"}',
      '{"signature":"s","cpId":"cp","cpDeploymentId":"cpd","now":1735689600}',
      '{"signature":"s","cpId":"cp","cpDeploymentId":"cpd","email":null}',
      '{"signature":"a\\"b","cpId":"c\\\\p","cpDeploymentId":"\\u0041"}',
      '{"__proto__":"x","signature":"s","cpId":"cp","cpDeploymentId":"cpd"}',
      '{}',
      '{"signature": "s", "cpId": ',
    ];
    const alphabet = ['"', ',', ':', '}', '{', ' ', '\\', '\t', '\u0001', 'a', '1', 'n', 'é', '\ud800', ']'];
    const random = seeded(1);
    const lines = [...base];
    for (let i = 0; i < 20_000; i++) {
      let s = base[Math.floor(random() * base.length)]!;
      const edits = 1 + Math.floor(random() * 3);
      for (let k = 0; k < edits; k++) {
        const at = Math.floor(random() * (s.length + 1));
        const r = random();
        const ch = alphabet[Math.floor(random() * alphabet.length)]!;
        s =
          r < 0.4
            ? s.slice(0, at) + ch + s.slice(at)
            : r < 0.8
              ? s.slice(0, at) + s.slice(at + 1)
              : s.slice(0, at) + ch + s.slice(at + 1);
      }
      lines.push(s);
    }
    for (const line of lines) expect(read(line), line).toEqual(read(` ${line}`));
  });
});

import { describe, expect, it } from 'vitest';
import type { CliIo } from './io';
import { readEberSecret } from './secret';

function io(stderr: string[]): CliIo {
  return {
    stdout: () => undefined,
    stderr: (t) => void stderr.push(t),
    env: {},
    readFile: () => {
      throw new Error('an Eber secret file is read as bytes');
    },
    readStdin: () => 'from-stdin\n',
    stderrIsTTY: false,
  };
}

describe('readEberSecret', () => {
  it('reads --secret-file as bytes, one final newline removed, and warns when they are not UTF-8', () => {
    const err: string[] = [];
    const key = readEberSecret({ secretFile: 'k' }, io(err), () => Uint8Array.from([0x6b, 0xff, 0x00, 0x0d, 0x0a]));
    expect(Buffer.from(key as Uint8Array).toString('hex')).toBe('6bff00');
    expect(err.join('')).toMatch(/not valid UTF-8/);
  });

  it('keeps a UTF-8 file as its bytes without a warning, and removes only one newline', () => {
    const err: string[] = [];
    const key = readEberSecret({ secretFile: 'k' }, io(err), () => Buffer.from('clé\n\n'));
    expect(Buffer.from(key as Uint8Array).toString('utf8')).toBe('clé\n');
    expect(err).toEqual([]);
  });

  it('refuses an empty file, an unreadable one and two sources', () => {
    expect(() => readEberSecret({ secretFile: 'k' }, io([]), () => Buffer.from('\n'))).toThrow(/empty/);
    const missing = () => {
      throw Object.assign(new Error('x'), { code: 'ENOENT' });
    };
    expect(() => readEberSecret({ secretFile: 'k' }, io([]), missing)).toThrow(/ENOENT/);
    expect(() => readEberSecret({ secretFile: 'k', secretStdin: true }, io([]), () => Buffer.from('s'))).toThrow(/one source/);
  });

  it('reads the other sources as text, as readSecret does', () => {
    expect(readEberSecret({ secretStdin: true }, io([]))).toBe('from-stdin');
  });
});

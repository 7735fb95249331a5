import { describe, expect, it } from 'vitest';
import { lastOnly } from './memo';

describe('lastOnly', () => {
  it('makes a value once per run of equal arguments, and again when the argument changes', () => {
    const made: string[] = [];
    const derive = lastOnly((s: string) => (made.push(s), `${s}!`));
    expect([derive('a'), derive('a'), derive('b'), derive('a')]).toEqual(['a!', 'a!', 'b!', 'a!']);
    expect(made).toEqual(['a', 'b', 'a']);
  });

  it('keeps nothing when making throws (the next call tries again)', () => {
    let calls = 0;
    const derive = lastOnly((s: string) => {
      calls++;
      if (s === '') throw new Error('empty');
      return s.length;
    });
    expect(() => derive('')).toThrow('empty');
    expect(() => derive('')).toThrow('empty');
    expect(calls).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { SCREENS, SECTIONS, titleOf } from './screens';

describe('the screen registry', () => {
  it('names every screen once, by id and by title', () => {
    expect(new Set(SCREENS.map((s) => s.id)).size).toBe(SCREENS.length);
    expect(new Set(SCREENS.map((s) => s.title)).size).toBe(SCREENS.length);
    for (const s of SCREENS) expect(titleOf(s.id)).toBe(s.title);
  });

  it('lists every screen in exactly one navigation section, in registry order', () => {
    expect(SECTIONS.flatMap((section) => section.screens)).toEqual(SCREENS);
    expect(SECTIONS.map((s) => s.title)).toEqual([
      'Setup',
      'mmob Secure Identity',
      'Eber HMAC login',
      'Logs and records',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ASSETS, BUDGET_GZIP_BYTES, measure } from './bundle-size.mjs';

interface Measure {
  files: { name: string; raw: number; gzip: number; atStart: boolean }[];
  initial: { raw: number; gzip: number };
  total: { raw: number; gzip: number };
}

describe('renderer bundle size', () => {
  const result = measure() as Measure | null;

  it('is built (npm run build) before this test runs', () => {
    expect(result, 'out/renderer/assets is missing: run `npm run build` first').not.toBeNull();
  });

  it(`loads within ${BUDGET_GZIP_BYTES / 1024} KB gzip at start, JS and CSS together`, () => {
    const atStart = result!.files.filter((f) => f.atStart);
    expect(atStart.some((f) => f.name.endsWith('.js'))).toBe(true);
    expect(atStart.some((f) => f.name.endsWith('.css'))).toBe(true);
    expect(result!.initial.gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    // Rarely used screens load when opened; what they add is printed, not hidden.
    console.info(`renderer: ${(result!.initial.gzip / 1024).toFixed(1)} KB gzip at start, ${(result!.total.gzip / 1024).toFixed(1)} KB in all`);
  });

  it('holds no zod: the renderer imports facts from zod-free modules (shared/limits, shared/history-kinds), never the contract', () => {
    for (const f of result!.files) {
      expect(readFileSync(`${ASSETS}/${f.name}`, 'utf8'), f.name).not.toMatch(/ZodError|\$ZodType/);
    }
  });
});

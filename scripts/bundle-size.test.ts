import { describe, expect, it } from 'vitest';
import { BUDGET_GZIP_BYTES, measure } from './bundle-size.mjs';

interface Measure {
  files: { name: string; raw: number; gzip: number }[];
  total: { raw: number; gzip: number };
}

describe('renderer bundle size', () => {
  const result = measure() as Measure | null;

  it('is built (npm run build) before this test runs', () => {
    expect(result, 'out/renderer/assets is missing: run `npm run build` first').not.toBeNull();
  });

  it(`stays within ${BUDGET_GZIP_BYTES / 1024} KB gzip, JS and CSS together`, () => {
    expect(result!.files.some((f) => f.name.endsWith('.js'))).toBe(true);
    expect(result!.files.some((f) => f.name.endsWith('.css'))).toBe(true);
    expect(result!.total.gzip).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });
});

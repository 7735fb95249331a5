/** pack:generate from a profile (the secret stays in main) and pack:save of the last pack. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PackSummary } from '../../../shared/contract';
import { makeServices } from '../../../testing/main-services';
import type { HandlerDeps } from './deps';
import { packHandlers } from './pack';
import { secretsOf } from './secrets';

const MMOB_SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const MMOB = {
  cpId: 'cp_1',
  cpDeploymentId: 'cpd_1',
  defaultEmail: 'qa@example.com',
  marketplaceUrl: 'https://marketplace.example.com',
  securityLevel: 'SECURE_IDENTITY' as const,
};
const EBER = {
  baseUrl: 'https://demo.eber.co',
  timezone: 'Europe/London',
  defaultLocale: 'en',
  defaultIdentifierType: 'email' as const,
};

describe('pack:* channels', () => {
  it('generates from an mmob or Eber profile; the secret never appears in the answer', async () => {
    const s = await makeServices({ now: () => new Date('2026-11-21T14:00:00Z') });
    const m = await s.vault.create({ kind: 'mmob', name: 'M', settings: MMOB, secret: MMOB_SECRET });
    const r = await s.call('pack:generate', { profileId: m.id });
    expect(r.ok).toBe(true);
    const data = (r as { data: PackSummary }).data;
    expect(data.scheme).toBe('mmob');
    expect(data.cases.map((c) => c.id)).toContain('replay');
    expect(JSON.stringify(data)).not.toContain(MMOB_SECRET);
    const e = await s.vault.create({ kind: 'eber', name: 'E', settings: EBER, secret: 'Eb3r-secret' });
    const er = await s.call('pack:generate', { profileId: e.id, identifier: 'qa@example.com' });
    expect((er as { data: PackSummary }).data.cases.map((c) => c.id)).toContain('time-repeated-hour');
    expect(JSON.stringify(er)).not.toContain('Eb3r-secret');
    const missing = await s.call('pack:generate', { profileId: e.id });
    expect(!missing.ok && missing.error.code).toBe('IDENTIFIER_MISSING');
  });

  it('pack:save writes the last pack in the format asked; before any pack it says so', async () => {
    const s = await makeServices();
    const m = await s.vault.create({ kind: 'mmob', name: 'M', settings: MMOB, secret: MMOB_SECRET });
    const file = join(mkdtempSync(join(tmpdir(), 'signet-pack-save-')), 'p.html');
    const deps = { now: () => new Date(), dialogs: { openFile: async () => null, saveFile: async () => file } };
    const h = packHandlers(deps as unknown as HandlerDeps, secretsOf(s.vault));
    await expect(h['pack:save']({ format: 'html' })).rejects.toMatchObject({ code: 'PACK_NONE' });
    await h['pack:generate']({ profileId: m.id });
    expect(await h['pack:save']({ format: 'html' })).toEqual({ path: file });
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toContain(MMOB_SECRET);
  });
});

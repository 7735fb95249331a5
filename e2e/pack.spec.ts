/**
 * The QA pack's HTML page in Chromium: it renders with its QR codes, makes no network request, breaks no
 * Content-Security-Policy rule (the inline script and style run by hash) and its countdowns tick.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import QRCode from 'qrcode';
import { packHtml, type Pack } from '../src/core/common/packs';
import { generateEberPack, generateMmobPack } from '../src/core/node/packs/generate';

async function page(pack: Pack): Promise<string> {
  const qr = new Map<string, string>();
  for (const c of pack.cases) {
    const v = c.signature ?? c.url ?? '';
    qr.set(v, await QRCode.toString(v, { type: 'svg', margin: 2 }));
  }
  const dir = mkdtempSync(join(tmpdir(), 'signet-pack-e2e-'));
  const file = join(dir, `${pack.scheme}.html`);
  writeFileSync(
    file,
    packHtml(pack, (t) => qr.get(t) ?? null),
  );
  return pathToFileURL(file).href;
}

const PACKS = {
  eber: () =>
    generateEberPack({
      secret: 'Eb3r-Pub1ic-Test-Key',
      baseUrl: 'https://demo.eber.co',
      identifierType: 'email',
      identifier: 'qa.user@example.com',
      timezone: 'Europe/London',
      locale: 'en',
    }),
  mmob: () =>
    generateMmobPack({
      secret: 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=',
      cpId: 'cp_7Hq2',
      cpDeploymentId: 'cpd_01HZX3K9',
      email: 'QA.User@example.com',
    }),
};

for (const [scheme, make] of Object.entries(PACKS)) {
  test(`pack page (${scheme}): self-contained, QR codes, ticking countdowns`, async ({ page: tab }) => {
    const pack = make();
    const url = await page(pack);
    const requests: string[] = [];
    tab.on('request', (r) => requests.push(r.url()));
    const problems: string[] = [];
    tab.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    tab.on('pageerror', (e) => problems.push(e.message));
    await tab.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await tab.setViewportSize({ width: 900, height: 1000 });
    await tab.goto(url);

    await expect(tab.locator('li.case')).toHaveCount(pack.cases.length);
    await expect(tab.locator('.qr svg')).toHaveCount(pack.cases.length);
    if (scheme === 'eber')
      await expect(tab.getByRole('link', { name: 'Open this login link' })).toHaveCount(pack.cases.length);

    // The script ran (allowed by its hash) and ticks: the first countdown's text changes within ~2 s.
    const countdown = tab.locator('.countdown').first();
    await expect(countdown).toHaveText(/^(stale in|expires in) \d+:\d\d$/);
    const before = await countdown.textContent();
    await expect.poll(() => countdown.textContent(), { timeout: 4000 }).not.toBe(before);
    // The style applied (by its hash): the cases are laid out as a grid.
    expect(
      await tab
        .locator('li.case')
        .first()
        .evaluate((el) => getComputedStyle(el).display),
    ).toBe('grid');

    mkdirSync('test-results/screens', { recursive: true });
    await tab.screenshot({ path: `test-results/screens/pack-${scheme}.png`, fullPage: true });

    expect(requests, 'only the page itself is loaded').toEqual([url]);
    expect(await tab.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])).toEqual(
      [],
    );
    expect(problems).toEqual([]);
  });
}

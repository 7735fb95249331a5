/**
 * The Capture screen against the REAL receiver: the harness runs main's handlers in Node, so "Start capture"
 * really listens on 127.0.0.1. A second page follows login links (and posts a boot form) to it; with forwarding
 * on, the 302 lands on a stand-in Eber server on another loopback port that checks the raw query arrived
 * byte-identical. Nothing is ever sent beyond loopback.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { hashEber } from '../src/core/node/eber/hash';
import { signMmob } from '../src/core/node/mmob/sign';
import { pick } from './fill';
import { expect, screenshot, test } from './harness';

const EBER_SECRET = 'Eb3r-Capture-E2E-Key';
const MMOB_SECRET = Buffer.from('mmob-capture-e2e-secret-0042').toString('base64');

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

/** A stand-in for the business's Eber server: records each raw request target it receives. */
async function standInEber(): Promise<{ origin: string; targets: string[]; close: () => Promise<void> }> {
  const targets: string[] = [];
  const server: Server = createServer((req, res) => {
    targets.push(req.url ?? '');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Stand-in Eber</title><link rel="icon" href="data:,"><h1>Stand-in Eber login</h1>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    targets,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

test('capture Eber logins and an mmob boot live, open one in its verifier, forward byte-identical', async ({
  app,
  context,
}) => {
  const { page } = app;
  const eber = await standInEber();
  try {
    await app.open();
    for (const profile of [
      {
        kind: 'eber' as const,
        name: 'Local Eber',
        secret: EBER_SECRET,
        settings: {
          baseUrl: eber.origin,
          timezone: 'Asia/Singapore',
          defaultLocale: null,
          defaultIdentifierType: 'email' as const,
        },
      },
      {
        kind: 'mmob' as const,
        name: 'Local mmob',
        secret: MMOB_SECRET,
        settings: {
          cpId: 'cp_7',
          cpDeploymentId: 'cpd_7',
          defaultEmail: '',
          marketplaceUrl: '',
          securityLevel: 'SECURE_IDENTITY' as const,
        },
      },
    ]) {
      expect(await page.evaluate((p) => window.signet.profiles.create(p), profile)).toMatchObject({ ok: true });
    }
    await app.open(); // the profile list is read when the app starts

    await nav(page, 'Capture live logins');
    await expect(page.getByRole('heading', { level: 2, name: 'Capture live logins' })).toBeVisible();
    await pick(page, 'Eber profile', 'Local Eber');
    await pick(page, 'mmob profile', 'Local mmob');
    await page.getByRole('button', { name: 'Start capture' }).click();
    const baseUrl = page.getByTestId('capture-base-url');
    await expect(baseUrl).toHaveText(/^http:\/\/127\.0\.0\.1:\d+$/);
    const receiver = (await baseUrl.textContent())!;
    await expect(page.getByTestId('capture-marketplace-url')).toHaveText(receiver);
    await page.getByRole('button', { name: 'Copy eber base url' }).click();
    expect(app.clipboard.text).toBe(receiver);
    await screenshot(page, 'capture-listening');

    // 1. A valid login link, followed in a second page: the receiver's verdict page says so.
    const email = 'qa+tester@example.com';
    const hash = hashEber({ secret: EBER_SECRET, identifierType: 'email', identifier: email });
    const query = `hmac_email=${encodeURIComponent(email)}&hmac_hash=${hash}`;
    const browser = await context.newPage();
    await browser.setContent(`<a href="${receiver}/login/hmac?${query}">Log in with Eber</a>`);
    await browser.getByRole('link', { name: 'Log in with Eber' }).click();
    await expect(browser.locator('h1.valid')).toBeVisible();
    await screenshot(browser, 'capture-verdict-page');

    // 2. The same link with the "+" left raw: the server reads a space; the verdict page says invalid.
    await browser.goto(`${receiver}/login/hmac?${query.replace('qa%2Btester', 'qa+tester')}`);
    await expect(browser.locator('h1.invalid')).toBeVisible();

    // 3. An mmob boot form POSTed to the marketplace URL, as the React component does.
    // (A fresh blank page: setContent on the verdict page would keep its CSP, which allows no form posts.)
    await browser.goto('about:blank');
    const signed = signMmob({ secret: MMOB_SECRET, cpId: 'cp_7', cpDeploymentId: 'cpd_7', email: 'boot@example.com' });
    const fields = {
      email: 'boot@example.com',
      cp_id: 'cp_7',
      cp_deployment_id: 'cpd_7',
      page: 'broadband',
      signature: signed.signature,
    };
    await browser.setContent(
      `<form method="post" action="${receiver}/boot">${Object.entries(fields)
        .map(([n, v]) => `<input type="hidden" name="${n}" value="${v.replace(/"/g, '&quot;')}">`)
        .join('')}<button>Boot</button></form>`,
    );
    await browser.getByRole('button', { name: 'Boot' }).click();
    await expect(browser.locator('h1.valid')).toBeVisible();

    // The live list shows all three, newest first, with verdicts and hints.
    const rows = page.getByTestId('capture-row');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText('mmob');
    await expect(rows.nth(0)).toContainText('boot@example.com');
    await expect(rows.nth(0)).toContainText('valid');
    await expect(rows.nth(1)).toContainText('invalid');
    await expect(rows.nth(1)).toContainText('PLUS_DECODED_AS_SPACE');
    await expect(rows.nth(2)).toContainText(email);
    await expect(page.getByTestId('capture-counts')).toContainText('3 captured · 2 valid · 1 invalid');
    await screenshot(page, 'capture-list');

    // A new capture shows within 100 ms of arriving (the screen polls every ~60 ms while running).
    const arrived = Date.now();
    await fetch(`${receiver}/login/hmac?${query}`);
    await expect(rows).toHaveCount(4, { timeout: 2000 });
    expect(Date.now() - arrived).toBeLessThan(1000); // generous on a shared machine; the poll interval is 60 ms

    // Opening a capture fills the matching verifier.
    await page.getByRole('button', { name: /^Open capture 3 \(mmob, boot@example.com\)/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'mmob · Verify' })).toBeVisible();
    await expect(page.getByLabel('Signature, boot snippet or JSON')).toHaveValue(signed.signature);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');
    await nav(page, 'Capture live logins');
    await page.getByRole('button', { name: /^Open capture 2 \(Eber/ }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Eber · Verify URL' })).toBeVisible();
    await expect(page.getByLabel('Login URL')).toHaveValue(
      `https://${new URL(eber.origin).host}/login/hmac?${query.replace('qa%2Btester', 'qa+tester')}`,
    );
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'false');
    await expect(page.getByTestId('hints')).toContainText('PLUS_DECODED_AS_SPACE');
    await screenshot(page, 'capture-opened-in-verifier');

    // Export as JSONL through main's save dialog: every capture, no secret.
    await nav(page, 'Capture live logins');
    app.dialogs.savePath = `${app.dir}/captures.jsonl`;
    await page.getByRole('button', { name: 'Export JSONL' }).click();
    // Scoped to the export's message: the page also has (empty) live regions with the status role.
    await expect(page.getByRole('status').filter({ hasText: 'Exported' })).toContainText('Exported 4 captures');
    const { readFileSync } = await import('node:fs');
    const jsonl = readFileSync(app.dialogs.savePath, 'utf8');
    expect(jsonl.trim().split('\n')).toHaveLength(4);
    expect(jsonl).not.toContain(EBER_SECRET);
    expect(jsonl).not.toContain(MMOB_SECRET);

    // 4. Forwarding on: a valid login is sent on (302) to the business, the raw query byte-identical.
    await page.getByRole('button', { name: 'Stop capture' }).click();
    await expect(page.getByRole('button', { name: 'Start capture' })).toBeVisible();
    await page.locator('label', { hasText: 'Valid only' }).click();
    await page.getByRole('button', { name: 'Start capture' }).click();
    await expect(baseUrl).toHaveText(/^http:\/\/127\.0\.0\.1:\d+$/);
    const forwarding = (await baseUrl.textContent())!;
    await expect(page.getByTestId('capture-urls')).toContainText(`Forwarding valid logins to ${eber.origin}`);
    await browser.goto('about:blank');
    await browser.setContent(`<a href="${forwarding}/login/hmac?${query}">Log in with Eber</a>`);
    await browser.getByRole('link', { name: 'Log in with Eber' }).click();
    await expect(browser.getByRole('heading', { name: 'Stand-in Eber login' })).toBeVisible();
    expect(new URL(browser.url()).origin).toBe(eber.origin);
    // (The browser may also ask the stand-in for /favicon.ico.)
    expect(eber.targets.filter((t) => t.startsWith('/login/'))).toEqual([`/login/hmac?${query}`]);
    await expect(rows).toHaveCount(1);
    await expect(rows.nth(0)).toContainText('valid');
    await expect(rows.nth(0).getByTestId('forwarded')).toHaveText(`forwarded (302) to ${eber.origin}`);
    await screenshot(page, 'capture-forwarding');
    await page.getByRole('button', { name: 'Stop capture' }).click();
    expect(app.consoleErrors).toEqual([]);
  } finally {
    await eber.close();
  }
});

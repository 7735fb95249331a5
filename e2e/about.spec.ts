/**
 * The About screen (app, runtime versions, data folder, the app icon served as a renderer asset) and "Copy
 * diagnostics" through main's clipboard, with no secret, profile name or folder in what is copied; and the
 * Profiles screen's fingerprint salt and iterations with how a server computes the same fingerprint.
 */
import { pbkdf2Sync } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './harness';

const MMOB_SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

test('About shows the versions, data folder and icon; Copy diagnostics copies no secrets', async ({ app }) => {
  const { page } = app;
  await app.open();
  // A profile exists, so a leak of its name or secret into the diagnostics would show.
  const created = await page.evaluate(
    (secret) =>
      window.signet.profiles.create({
        kind: 'mmob',
        name: 'Private Profile Name',
        secret,
        settings: {
          cpId: 'cp_1',
          cpDeploymentId: 'cpd_1',
          defaultEmail: '',
          marketplaceUrl: '',
          securityLevel: 'SECURE_IDENTITY',
        },
      }),
    MMOB_SECRET,
  );
  expect(created.ok).toBe(true);

  await nav(page, 'About Signet');
  await expect(page.getByRole('heading', { level: 2, name: 'About Signet' })).toBeVisible();
  const table = page.getByRole('table', { name: 'About this app' });
  await expect(table).toContainText('Version');
  await expect(table).toContainText(`Node${process.versions.node}`);
  await expect(table).toContainText('Chromium');
  await expect(table).toContainText(app.dir); // the data folder
  // The icon is a bundled asset, served by the renderer's own origin, and really loads.
  const icon = page.getByRole('img', { name: 'Signet icon' });
  await expect(icon).toBeVisible();
  expect(await icon.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(128);
  expect(new URL((await icon.getAttribute('src'))!, page.url()).origin).toBe(new URL(page.url()).origin);

  await page.getByRole('button', { name: 'Copy diagnostics' }).click();
  await expect(page.getByRole('status')).toContainText('Diagnostics copied');
  const copied = app.clipboard.text;
  // Not a credential: stays on the clipboard after quitting, for the bug report it is pasted into.
  expect(app.clipboard.writes.at(-1)).toEqual({ text: copied, concealed: false });
  expect(copied).toContain(`node: ${process.versions.node}`);
  expect(copied).toContain('platform: ');
  expect(copied).toContain('keyring backend: ');
  expect(copied).not.toContain('Private Profile Name');
  expect(copied).not.toContain(MMOB_SECRET);
  expect(copied).not.toContain(app.dir);
  await screenshot(page, 'about');
  expect(app.consoleErrors).toEqual([]);
});

test('Profiles show the fingerprint with its salt and iterations, and how a server computes it', async ({ app }) => {
  const { page } = app;
  await app.open();
  await page.evaluate(
    (secret) =>
      window.signet.profiles.create({
        kind: 'mmob',
        name: 'Staging mmob',
        secret,
        settings: {
          cpId: 'cp_1',
          cpDeploymentId: 'cpd_1',
          defaultEmail: '',
          marketplaceUrl: '',
          securityLevel: 'SECURE_IDENTITY',
        },
      }),
    MMOB_SECRET,
  );
  await app.open(); // the Profiles screen reads the list when the app starts
  const card = page.getByTestId('profile-card');
  const fingerprint = (await card.getByTestId('fingerprint').locator('code').textContent())!;
  const saltLine = card.getByTestId('fingerprint-salt');
  await expect(saltLine).toContainText(/salt [0-9a-f]{32} · [\d,]+ iterations/);
  const salt = (await saltLine.locator('code').textContent())!;
  const iterations = Number(/([\d,]+) iterations/.exec((await saltLine.textContent())!)![1]!.replace(/,/g, ''));
  // What the README tells a server-side engineer to run gives the same fingerprint.
  expect(pbkdf2Sync(MMOB_SECRET, Buffer.from(salt, 'hex'), iterations, 8, 'sha256').toString('hex')).toBe(fingerprint);

  await card.getByRole('button', { name: 'How to compute the fingerprint of Staging mmob on a server' }).click();
  const help = page.getByTestId('fingerprint-help');
  await expect(help).toContainText('PBKDF2-HMAC-SHA256');
  await expect(help).toContainText(`export SALT=${salt} ITER=${iterations}`);
  await expect(help).toContainText('hash_pbkdf2');
  await screenshot(page, 'profiles-fingerprint-help');
});

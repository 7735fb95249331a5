/**
 * Shared steps of the layout and perf specs (kept apart from app.spec.ts): navigation, one-off secrets and
 * filling each live screen so that it shows a result.
 */
import type { Page } from '@playwright/test';
import { expect } from './harness';

export const MMOB_SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
export const EBER_SECRET = 'Eb3r-Pub1ic-Test-Key';

export const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

/** Mantine's segmented control hides its radio inputs; people click the visible label. */
export async function segment(page: Page, label: string) {
  await page.locator('label', { hasText: label }).click();
  await expect(page.getByRole('radio', { name: label })).toBeChecked();
}

/** Picks an option of a select (Mantine's combobox) by its label and the option's name. */
export async function pick(page: Page, label: string, option: string) {
  await page
    .locator('input')
    .and(page.getByLabel(label, { exact: true }))
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

export const emailBox = (page: Page) => page.getByRole('textbox', { name: 'Email', exact: true });

/** mmob · Sign with a one-off secret and fixed timestamp and nonce; returns the signature shown. */
export async function fillMmobSign(page: Page, email = 'qa@example.com'): Promise<string> {
  await nav(page, 'mmob · Sign');
  await segment(page, 'One-off secret');
  await page.getByLabel('Secret (one-off)').fill(MMOB_SECRET);
  await page.getByLabel('cpId').fill('cp_7Hq2');
  await page.getByLabel('cpDeploymentId').fill('cpd_01HZX3K9');
  await emailBox(page).fill(email);
  await page.getByLabel('Timestamp (Unix seconds)').fill(String(Math.floor(Date.now() / 1000)));
  await page.getByLabel('Nonce').fill('0123456789abcdef0123456789abcdef');
  const signature = page.getByTestId('signature');
  await expect(signature).toHaveText(/^\d+:[A-Za-z0-9+/]{43}=:[0-9a-f]{32}$/);
  return (await signature.textContent())!;
}

/** mmob · Verify of a signature, with a one-off secret. */
export async function fillMmobVerify(page: Page, signature: string) {
  await nav(page, 'mmob · Verify');
  await segment(page, 'One-off secret');
  await page.getByLabel('Secret (one-off)').fill(MMOB_SECRET);
  await page.getByLabel('cpId').fill('cp_7Hq2');
  await page.getByLabel('cpDeploymentId').fill('cpd_01HZX3K9');
  await emailBox(page).fill('qa@example.com');
  await page.getByLabel('Signature, boot snippet or JSON').fill(signature);
  await expect(page.getByTestId('verdict')).toBeVisible();
}

/** mmob · Boot snippet with a one-off secret, the customer's email "q"; waits for the snippet. */
export async function fillMmobSnippet(page: Page) {
  await nav(page, 'mmob · Boot snippet');
  await segment(page, 'One-off secret');
  await page.getByLabel('Secret (one-off)').fill(MMOB_SECRET);
  await page.getByLabel('cpId').fill('cp_7Hq2');
  await page.getByLabel('cp_deployment_id').fill('cpd_01HZX3K9');
  await page.getByLabel('email', { exact: true }).fill('q');
  await expect(page.getByTestId('snippet')).toContainText('"q"');
}

/** Eber · Login URL with a one-off secret and an expiry; returns the URL shown. */
export async function fillEberUrl(page: Page, email = 'qa+tester@example.com'): Promise<string> {
  await nav(page, 'Eber · Login URL');
  await segment(page, 'One-off secret');
  await page.getByLabel('Secret (one-off)').fill(EBER_SECRET);
  await page.getByLabel('Business base URL').fill('https://demo.eber.co');
  await emailBox(page).fill(email);
  await segment(page, 'Expires in N minutes');
  const url = page.getByTestId('login-url');
  await expect(url).toContainText('hmac_expiry_date=');
  return (await url.textContent())!;
}

/** Eber · Verify URL of a URL, with a one-off secret. */
export async function fillEberVerify(page: Page, url: string) {
  await nav(page, 'Eber · Verify URL');
  await segment(page, 'One-off secret');
  await page.getByLabel('Secret (one-off)').fill(EBER_SECRET);
  await page.getByLabel('Login URL').fill(url);
  await expect(page.getByTestId('verdict')).toBeVisible();
}

/** Creates the mmob profile "Staging mmob" (the test secret, cp_7Hq2 / cpd_01HZX3K9), optionally with a default email. */
export async function createMmobProfile(page: Page, defaultEmail?: string) {
  await nav(page, 'Profiles');
  await page.getByRole('button', { name: 'New mmob profile' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Profile name').fill('Staging mmob');
  await dialog.getByLabel('Secret', { exact: true }).fill(MMOB_SECRET);
  await dialog.getByLabel('cpId').fill('cp_7Hq2');
  await dialog.getByLabel('cpDeploymentId').fill('cpd_01HZX3K9');
  if (defaultEmail !== undefined) await dialog.getByLabel('Default email').fill(defaultEmail);
  await dialog.getByRole('button', { name: 'Create profile' }).click();
  await expect(dialog).toBeHidden();
}

import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { SCREENS } from '../src/renderer/app/screens';
import { createTestCipher } from '../src/testing/cipher';
import { createMmobProfile as createProfile, pick } from './fill';
import { expect, screenshot, test } from './harness';

const MMOB_SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const EBER_SECRET = 'Eb3r-Pub1ic-Test-Key';

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

async function expectAccessible(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('; ')}`,
    ),
  ).toEqual([]);
}

/** Mantine's segmented control hides its radio inputs; people click the visible label. */
async function segment(page: Page, label: string) {
  await page.locator('label', { hasText: label }).click();
  await expect(page.getByRole('radio', { name: label })).toBeChecked();
}

const createMmobProfile = (page: Page) => createProfile(page, 'stephen.hayes@example.com');

test('create a profile, sign mmob, verify it, tamper, and see the likely cause', async ({ app }) => {
  const { page } = app;
  await app.open();
  await createMmobProfile(page);
  const card = page.getByTestId('profile-card');
  await expect(card).toContainText('Staging mmob');
  await expect(card).toContainText('secret stored');
  await expect(card.getByTestId('fingerprint')).toHaveText(/fingerprint [0-9a-f]{8}/);
  await expect(page.locator('body')).not.toContainText(MMOB_SECRET);

  await nav(page, 'mmob · Sign');
  await pick(page, 'Profile', 'Staging mmob');
  // The profile's settings fill the form.
  await expect(page.getByLabel('cpId')).toHaveValue('cp_7Hq2');
  await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toHaveValue('stephen.hayes@example.com');
  await page.getByLabel('Timestamp (Unix seconds)').fill(String(Math.floor(Date.now() / 1000)));
  const signature = page.getByTestId('signature');
  await expect(signature).toHaveText(/^\d+:[A-Za-z0-9+/]{43}=:[0-9a-f]{32}$/);
  await expect(page.getByLabel(/^Canonical string/)).toContainText('cp_7Hq2');
  await screenshot(page, 'flow-mmob-signed');
  const signed = (await signature.textContent())!;
  // Copy goes through main's clipboard (the renderer has no clipboard permission).
  await page.getByRole('button', { name: 'Copy signature' }).click();
  await expect(page.getByRole('button', { name: 'Copy signature' })).toHaveText('Copied');
  expect(app.clipboard.text).toBe(signed);
  // A signature is a credential: written concealed, and main clears it on quit if it is still there.
  expect(app.clipboard.writes.at(-1)).toEqual({ text: signed, concealed: true });

  await nav(page, 'mmob · Verify');
  await pick(page, 'Profile', 'Staging mmob');
  await page.getByLabel('Signature, boot snippet or JSON').fill(signed);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');
  await expect(page.getByTestId('age')).toContainText(/signed \d+ s ago; tolerance 60 s/);

  // Tamper: the verifier gets the email with other letter case than was signed.
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('Stephen.Hayes@Example.com');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'false');
  await expect(page.getByTestId('verdict')).toContainText('SIGNATURE_MISMATCH');
  await expect(page.getByTestId('hints')).toContainText('EMAIL_MISMATCH');
  await screenshot(page, 'flow-mmob-tampered');
  await expectAccessible(page, 'mmob verify with a mismatch');

  // A whole boot snippet can be pasted too.
  await nav(page, 'mmob · Boot snippet');
  await pick(page, 'Profile', 'Staging mmob');
  await page.getByLabel('email', { exact: true }).fill('stephen.hayes@example.com');
  await page.getByLabel('page', { exact: true }).fill('broadband');
  await expect(page.getByTestId('snippet')).toContainText('"signature":');
  // The vendor's published shape: the loader's script tag, then mmob.init({...}); never the old queue push.
  await expect(page.getByTestId('snippet')).toContainText(
    '<script src="https://assets.mmob.com/js/mmob-snippet.min.js"></script>',
  );
  await expect(page.getByTestId('snippet')).toContainText('mmob.init(');
  await expect(page.getByTestId('snippet')).not.toContainText('push(');
  await expect(page.getByTestId('form-action')).toContainText(/^POST https:\/\/.+\/boot$/);
  await expect(page.getByTestId('form-body')).toContainText('page=broadband');
  const snippet = (await page.getByTestId('snippet').textContent())!;
  const formBody = (await page.getByTestId('form-body').textContent())!;
  await screenshot(page, 'flow-mmob-boot-snippet');
  await nav(page, 'mmob · Verify');
  await page.getByLabel('Signature, boot snippet or JSON').fill(snippet);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');
  // The React flow's /boot form body verifies too.
  await page.getByLabel('Signature, boot snippet or JSON').fill(formBody);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');

  // History lists the operations without the secret, and restores one.
  await nav(page, 'History');
  await expect(page.getByTestId('history-table')).toContainText('mmob:sign');
  await expect(page.getByTestId('history-table')).toContainText('profile Staging mmob');
  await expect(page.locator('body')).not.toContainText(MMOB_SECRET);
  await page
    .getByRole('button', { name: /^Restore mmob:sign/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'mmob · Sign' })).toBeVisible();
  await expect(page.getByLabel('cpDeploymentId')).toHaveValue('cpd_01HZX3K9');
  expect(app.consoleErrors).toEqual([]);
});

test('build an Eber URL for a "+" email with an expiry, verify it, open it through the allow-list', async ({ app }) => {
  const { page } = app;
  await app.open();
  await nav(page, 'Eber · Login URL');
  await segment(page, 'One-off secret');
  await page.getByLabel('Secret (one-off)').fill(EBER_SECRET);
  await page.getByLabel('Business base URL').fill('https://demo.eber.co');
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('qa+tester@example.com');
  await segment(page, 'Expires in N minutes');
  await pick(page, 'Business time zone', 'Asia/Singapore');
  await pick(page, 'Login page language (hmac_locale)', 'zh-HK — 繁體中文 (香港) — Chinese, Hong Kong');
  const url = page.getByTestId('login-url');
  await expect(url).toContainText('hmac_email=qa%2Btester%40example.com');
  await expect(url).toContainText('hmac_expiry_date=');
  await expect(url).toContainText('hmac_locale=zh-HK');
  await expect(page.getByTestId('countdown')).toContainText(/Expires in (29|30) min/);
  await expect(page.getByTestId('qr')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Expiry' })).toContainText('Asia/Singapore');
  await screenshot(page, 'flow-eber-url');
  await expectAccessible(page, 'Eber URL with QR');
  const built = (await url.textContent())!;

  await page.getByRole('button', { name: 'Open in browser' }).click();
  await expect(page.getByText('Opened in your browser.')).toBeVisible();
  expect(app.opened).toEqual([built]);

  // A host that is neither Eber's nor a profile's is refused by main.
  await page.getByLabel('Business base URL').fill('https://eber.co.evil.example');
  await expect(url).toContainText('https://eber.co.evil.example/login/hmac');
  await page.getByRole('button', { name: 'Open in browser' }).click();
  await expect(page.getByText(/opens only https links to Eber or mmob hosts/)).toBeVisible();
  expect(app.opened).toHaveLength(1);

  await nav(page, 'Eber · Verify URL');
  await segment(page, 'One-off secret');
  await page.getByLabel('Secret (one-off)').fill(EBER_SECRET);
  await pick(page, 'Business time zone', 'Asia/Singapore');
  await page.getByLabel('Login URL').fill(built);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');
  await expect(page.getByTestId('parameters')).toContainText('"qa+tester@example.com"');

  // The same URL with the "+" left unencoded: the server reads a space, and Signet says so.
  await page.getByLabel('Login URL').fill(built.replace('qa%2Btester', 'qa+tester'));
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'false');
  await expect(page.getByTestId('hints')).toContainText('PLUS_DECODED_AS_SPACE');
  await expect(page.getByTestId('hints')).toContainText('a "+" as %2B');
  await screenshot(page, 'flow-eber-plus-as-space');
  await expectAccessible(page, 'Eber verify with a hint');
  expect(app.consoleErrors).toEqual([]);
});

test('an error about one request field is shown at that field, not in the result panel', async ({ app }) => {
  const { page } = app;
  await app.open();
  await nav(page, 'Eber · Login URL');
  await segment(page, 'One-off secret');
  await page.getByLabel('Secret (one-off)').fill(EBER_SECRET);
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill('qa@example.com');
  const baseUrl = page.getByLabel('Business base URL');
  await baseUrl.fill('http://demo.eber.co');
  await expect(baseUrl).toHaveAttribute('aria-invalid', 'true');
  await expect(baseUrl).toHaveAccessibleDescription(/must use https/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await screenshot(page, 'field-error-eber-base-url');
  // Fixing the field clears the message and the URL appears.
  await baseUrl.fill('https://demo.eber.co');
  await expect(page.getByTestId('login-url')).toContainText('https://demo.eber.co/login/hmac');
  await expect(baseUrl).not.toHaveAttribute('aria-invalid', 'true');

  await nav(page, 'mmob · Sign');
  await segment(page, 'One-off secret');
  await page.getByLabel('Secret (one-off)').fill(MMOB_SECRET);
  await page.getByLabel('cpId').fill('cp_7Hq2');
  await page.getByLabel('cpDeploymentId').fill('cpd_01HZX3K9');
  const nonce = page.getByLabel('Nonce');
  await nonce.fill('a:b');
  await expect(nonce).toHaveAccessibleDescription(/must not contain ":"/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectAccessible(page, 'mmob sign with a field error');
  expect(app.consoleErrors).toEqual([]);
});

test.describe('without a usable keyring', () => {
  test.use({ cipher: createTestCipher({ available: false, backend: 'basic_text' }) });

  test('the banner says secrets are kept for this session only', async ({ app }) => {
    await app.open();
    await expect(app.page.getByTestId('keyring-banner')).toContainText('for this session only');
    await createMmobProfile(app.page);
    await expect(app.page.getByTestId('profile-card')).toContainText('secret for this session');
    await screenshot(app.page, 'profiles-no-keyring');
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`every screen in ${colorScheme}: no serious or critical axe violations, screenshot kept`, async ({ app }) => {
    const { page } = app;
    await app.open({ colorScheme });
    await createMmobProfile(page);
    // The app's own screen registry: a screen added there is visited, screenshotted and checked here.
    for (const { title: name } of SCREENS) {
      await nav(page, name);
      await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
      await screenshot(page, `${colorScheme}-${name.replace(/[^a-z]+/gi, '-').toLowerCase()}`);
      await expectAccessible(page, name);
    }
    expect(app.consoleErrors).toEqual([]);
  });
}

/**
 * The code kit in the app (mmob · Sign, mmob · Boot snippet, Eber · Login URL): opened by its button, a language
 * picked by typing, the generated signer and verifier showing the screen's current inputs and reading the secret
 * from the environment, never holding it; "Check my code" naming the mistakes of a known-bad PHP signer and
 * refusing an over-long paste; axe on the open panel in light and dark (zero violations of any impact);
 * screenshots at the smallest supported window (test-results/screens/codekit-*.png).
 */
import type { Locator, Page } from '@playwright/test';
import { LIMITS } from '../src/shared/limits';
import { EBER_SECRET, MMOB_SECRET, emailBox, fillEberUrl, fillMmobSign, nav } from './fill';
import { violations } from './axe';
import { expect, screenshot, test } from './harness';

const SMALL = { width: 1024, height: 700 };

/** Known mistakes, each on its own line: milliseconds, swapped HMAC arguments, undecoded key, hex, ==. */
const BAD_PHP = `<?php
$secret = getenv('MMOB_SECRET');
$ts = round(microtime(true) * 1000);
$sig = hash_hmac('sha256', $secret, "$ts:$cpId:$cpDeploymentId:$email:$nonce");
if ($sig == $_POST['signature']) { echo 'ok'; }
`;

const panel = (page: Page, screen: string) => page.locator(`#code-kit-${screen}`);

async function openKit(page: Page, screen: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Show code kit' }).click();
  const kit = panel(page, screen);
  await expect(kit.getByRole('tab', { name: 'Signer and verifier' })).toBeVisible();
  return kit;
}

/** The Language select, by typing part of a name (type-ahead), then the option by its accessible name. */
async function language(kit: Locator, typed: string, option: string) {
  const input = kit.locator('input').and(kit.getByLabel('Language', { exact: true }));
  await input.click();
  await input.fill(typed);
  await kit.page().getByRole('option', { name: option, exact: true }).click();
  await expect(input).toHaveValue(option);
}

const program = (kit: Locator, role: 'Signer' | 'Verifier') =>
  kit.getByRole('region', { name: new RegExp(`^${role} code`) });

/**
 * The page as the harness keeps it (full page), the window as someone sees it with the panel scrolled into view
 * (a full-page capture draws the fixed header where the page was scrolled to), and the panel alone.
 */
async function shoot(page: Page, kit: Locator, name: string) {
  // Nothing cut off: no sideways page scroll, no control or label clipped or outside the main area.
  const clipped = await kit.evaluate((el) => {
    const main = document.querySelector('main')!.getBoundingClientRect();
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) out.push('the page scrolls sideways');
    for (const c of el.querySelectorAll<HTMLElement>('button, input, textarea, label, pre, [role=tab]')) {
      const r = c.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > main.right + 1 || r.left < main.left - 1)
        out.push(`${c.tagName} "${c.textContent?.slice(0, 30)}" outside main`);
      if (c.tagName === 'BUTTON' && c.scrollWidth > c.clientWidth + 1) out.push(`button "${c.textContent}" clipped`);
    }
    return out;
  });
  expect(clipped, name).toEqual([]);
  await screenshot(page, name);
  await kit.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `test-results/screens/${name}-window.png` });
  await kit.screenshot({ path: `test-results/screens/${name}-panel.png` });
}

test('mmob · Sign: the kit shows the current inputs, reads the secret from the environment, never holds it', async ({
  app,
}) => {
  const { page } = app;
  await page.setViewportSize(SMALL);
  await app.open();
  await fillMmobSign(page, 'stephen.hayes@example.com');
  const kit = await openKit(page, 'mmob-sign');

  await language(kit, 'ph', 'PHP');
  for (const role of ['Signer', 'Verifier'] as const) {
    const code = program(kit, role);
    await expect(code).toContainText('const CP_ID = "cp_7Hq2";');
    await expect(code).toContainText('const CP_DEPLOYMENT_ID = "cpd_01HZX3K9";');
    await expect(code).toContainText('const EMAIL = "stephen.hayes@example.com";');
    await expect(code).toContainText('getenv(SECRET_ENV)');
    await expect(code).toContainText('const SECRET_ENV = "MMOB_SECRET";');
  }
  // The kit's own "mistakes it avoids", with the language's note.
  await expect(kit.getByTestId('kit-mistakes')).toContainText('SECRET_USED_AS_TEXT');
  await expect(kit.getByTestId('kit-mistakes')).toContainText('PHP: base64_decode');
  await expect(kit).not.toContainText(MMOB_SECRET);

  // Inputs typed now are in the code at once.
  await page.getByLabel('cpId').fill('cp_live_42');
  await expect(program(kit, 'Signer')).toContainText('const CP_ID = "cp_live_42";');

  await language(kit, 'Type', 'Node.js / TypeScript');
  await expect(program(kit, 'Signer')).toContainText('process.env[SECRET_ENV]');
  await expect(program(kit, 'Verifier')).toContainText('timingSafeEqual');

  // Another variable name for the secret.
  await kit.getByLabel('Secret environment variable').fill('SIGNET_MMOB_KEY');
  await expect(program(kit, 'Signer')).toContainText("const SECRET_ENV = 'SIGNET_MMOB_KEY';");
  await kit.getByLabel('Secret environment variable').fill('not a name');
  await expect(kit.getByText('"not a name" is not an environment variable name.')).toBeVisible();
  await kit.getByLabel('Secret environment variable').fill('');

  await language(kit, 'sh', 'POSIX sh + openssl (signer only)');
  await expect(program(kit, 'Signer')).toContainText('openssl dgst -sha256 -mac HMAC');
  await expect(kit.getByTestId('kit-verifier-none')).toContainText('The shell kit is a signer only');

  await language(kit, 'go', 'Go');
  await expect(program(kit, 'Signer')).toContainText('os.Getenv(secretEnv)');
  await expect(page.locator('main')).not.toContainText(MMOB_SECRET);
  // Copy goes through main's clipboard; the main result's shortcut still copies the signature, not a program.
  await kit.getByRole('button', { name: 'Copy the signer (Go)' }).click();
  await expect(kit.getByRole('button', { name: 'Copy the signer (Go)' })).toHaveText('Copied');
  expect(app.clipboard.text).toContain('package main');
  expect(app.clipboard.text).not.toContain(MMOB_SECRET);
  await shoot(page, kit, 'codekit-mmob-sign-go');
  // The code scrolls inside its box: the page itself never scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test('Check my code: a known-bad PHP signer gets its named warnings; an over-long paste is refused at the field', async ({
  app,
}) => {
  const { page } = app;
  await page.setViewportSize(SMALL);
  await app.open();
  await nav(page, 'mmob · Sign');
  const kit = await openKit(page, 'mmob-sign');
  await kit.getByRole('tab', { name: 'Check my code' }).click();
  await expect(kit.getByTestId('lint-note')).toContainText('Lint — pattern-based, not a proof');
  const field = kit.getByLabel('Your signing or verifying code');
  await field.fill(BAD_PHP);
  await expect(kit.getByTestId('lint-summary')).toHaveText('Read as PHP (detected): 5 warnings.');
  const warnings = kit.getByTestId('lint-warnings');
  for (const [rule, hint] of <[string, string][]>[
    ['TIMESTAMP_NOT_SECONDS', 'TIMESTAMP_IN_MILLISECONDS'],
    ['HMAC_ARGUMENT_ORDER', 'HMAC_ARGUMENTS_SWAPPED'],
    ['MMOB_KEY_NOT_DECODED', 'SECRET_USED_AS_TEXT'],
    ['DIGEST_HEX_FOR_MMOB', 'DIGEST_HEX'],
    ['NON_CONSTANT_TIME_COMPARE', 'COMPARE_NOT_CONSTANT_TIME'],
  ])
    await expect(warnings.getByRole('listitem').filter({ hasText: rule })).toContainText(hint);
  await shoot(page, kit, 'codekit-check-my-code');

  // Over the limit: refused with the limit and the actual length, and nothing is judged.
  const long = `${BAD_PHP}${'/'.repeat(LIMITS.code)}`;
  await field.fill(long);
  await expect(
    kit.getByText(
      `at most ${LIMITS.code.toLocaleString('en')} characters, this has ${long.length.toLocaleString('en')}`,
    ),
  ).toBeVisible();
  await expect(kit.getByTestId('lint-warnings')).toHaveCount(0);
  await field.fill('');
});

test('Eber · Login URL and mmob · Boot snippet: the kit follows each screen’s own inputs', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize(SMALL);
  await app.open();
  await fillEberUrl(page, 'qa+tester@example.com');
  await page.getByLabel('Business base URL').fill('https://acme-rewards.eber.co');
  const eber = await openKit(page, 'eber-url');
  await language(eber, 'pyt', 'Python');
  await expect(program(eber, 'Signer')).toContainText('BASE_URL = "https://acme-rewards.eber.co"');
  await expect(program(eber, 'Signer')).toContainText('IDENTIFIER = "qa+tester@example.com"');
  await expect(program(eber, 'Signer')).toContainText('EXPIRY_MINUTES = 30');
  await expect(program(eber, 'Signer')).toContainText('os.environ.get(SECRET_ENV, "")');
  await expect(program(eber, 'Verifier')).toContainText('hmac.compare_digest');
  await expect(eber.getByTestId('kit-mistakes')).toContainText('PLUS_DECODED_AS_SPACE');
  await expect(page.locator('main')).not.toContainText(EBER_SECRET);
  await language(eber, 'ru', 'Ruby');
  await expect(program(eber, 'Signer')).toContainText("ENV.fetch(SECRET_ENV, '')");
  await shoot(page, eber, 'codekit-eber-url-ruby');

  // Business and identifier type changes show at once; no expiry: 0 minutes.
  await page.locator('label', { hasText: 'No expiry' }).click();
  await expect(program(eber, 'Signer')).toContainText('EXPIRY_MINUTES = 0');

  await nav(page, 'mmob · Boot snippet');
  await page.getByLabel('cpId', { exact: true }).fill('cp_snip_7');
  await page.getByRole('textbox', { name: /^cp_deployment_id/ }).fill('cpd_snip_9');
  await page.getByLabel('email', { exact: true }).fill('member@example.com');
  const snip = await openKit(page, 'mmob-snippet');
  await language(snip, 'jav', 'Java');
  await expect(program(snip, 'Signer')).toContainText('static final String CP_ID = "cp_snip_7";');
  await expect(program(snip, 'Signer')).toContainText('static final String CP_DEPLOYMENT_ID = "cpd_snip_9";');
  await expect(program(snip, 'Signer')).toContainText('static final String EMAIL = "member@example.com";');
  await expect(program(snip, 'Signer')).toContainText('System.getenv(SECRET_ENV)');
  await expect(program(snip, 'Verifier')).toContainText('MessageDigest.isEqual');
  await expect(snip.getByTestId('kit-note')).toContainText('customerInfo email');
  await language(snip, 'c#', 'C#');
  await expect(program(snip, 'Signer')).toContainText('Environment.GetEnvironmentVariable(SecretEnv)');
  await shoot(page, snip, 'codekit-mmob-snippet-csharp');
  // The kit stays closed on a screen where it was not opened.
  await nav(page, 'mmob · Sign');
  await expect(page.getByRole('button', { name: 'Show code kit' })).toBeVisible();
  await expect(emailBox(page)).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`code kit panel in ${colorScheme}: zero axe violations of any impact, both tabs`, async ({ app }) => {
    const { page } = app;
    await page.setViewportSize(SMALL);
    await app.open({ colorScheme });
    await fillMmobSign(page);
    const kit = await openKit(page, 'mmob-sign');
    await language(kit, 'ph', 'PHP');
    const found: string[] = [];
    found.push(...(await violations(page, `${colorScheme} kit`)));
    await shoot(page, kit, `codekit-${colorScheme}-kit`);
    // The language list open.
    await kit
      .locator('input')
      .and(kit.getByLabel('Language', { exact: true }))
      .click();
    await expect(page.getByRole('listbox')).toBeVisible();
    found.push(...(await violations(page, `${colorScheme} kit, language list`)));
    await page.keyboard.press('Escape');
    await kit.getByRole('tab', { name: 'Check my code' }).click();
    await kit.getByLabel('Your signing or verifying code').fill(BAD_PHP);
    await expect(kit.getByTestId('lint-warnings')).toBeVisible();
    found.push(...(await violations(page, `${colorScheme} check my code`)));
    await shoot(page, kit, `codekit-${colorScheme}-check-my-code`);
    console.log(`axe code kit ${colorScheme}: ${found.length} violation kinds`);
    expect(found).toEqual([]);
  });
}

/**
 * The live screens in every result state — valid, invalid with hints, malformed input, an error at a field —
 * the Batch screen after a run, and History with entries (filtered, asking to clear), in light and dark: axe violations of ANY impact (counted, listed, must be
 * 0). Each state is scanned at 1024×700 and kept as screenshots at 1024×700 and 1920×1080 (test-results/screens).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { signMmob } from '../src/core/node/mmob/sign';
import { LIMITS } from '../src/shared/limits';
import {
  MMOB_SECRET,
  emailBox,
  fillEberUrl,
  fillEberVerify,
  fillMmobSign,
  fillMmobVerify,
  nav,
  pick,
  segment,
} from './fill';
import { expect, screenshot, test } from './harness';

const SMALL = { width: 1024, height: 700 };
const LARGE = { width: 1920, height: 1080 };

/** Scans the page as it is (at 1024×700), then keeps it at both sizes. Returns the violations, listed. */
async function state(page: Page, scheme: string, name: string): Promise<string[]> {
  // Nothing still moving (the copy button's "Copied", a Mantine transition) is scanned half-way.
  await page.waitForLoadState('networkidle');
  const results = await new AxeBuilder({ page }).analyze();
  const list = results.violations.map(
    (v) =>
      `${scheme} ${name}: ${v.id} (${v.impact}) ×${v.nodes.length} ${v.nodes.map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('; ')}`,
  );
  console.log(`axe ${scheme} ${name}: ${list.length}${list.length ? `\n  ${list.join('\n  ')}` : ''}`);
  await screenshot(page, `state-${scheme}-${name}-1024x700`);
  await page.setViewportSize(LARGE);
  await screenshot(page, `state-${scheme}-${name}-1920x1080`);
  await page.setViewportSize(SMALL);
  return list;
}

const fieldError = (page: Page, label: string | RegExp) =>
  expect(page.getByRole('textbox', { name: label, exact: typeof label === 'string' })).toHaveAttribute(
    'aria-invalid',
    'true',
  );

for (const scheme of ['light', 'dark'] as const) {
  test(`a11y ${scheme}: every result state of the live screens, a finished batch and History, zero axe violations`, async ({
    app,
  }) => {
    test.setTimeout(240_000);
    const { page } = app;
    await page.setViewportSize(SMALL);
    await app.open({ colorScheme: scheme });
    const found: string[] = [];

    // mmob · Sign: a signature; then a timestamp that is not whole seconds, said at its field.
    const signature = await fillMmobSign(page);
    found.push(...(await state(page, scheme, 'mmob-sign-result')));
    const timestamp = page.getByLabel('Timestamp (Unix seconds)');
    const signedAt = await timestamp.inputValue();
    await timestamp.fill('12.5');
    await fieldError(page, 'Timestamp (Unix seconds)');
    await expect(page.getByText('Whole seconds only')).toBeVisible();
    found.push(...(await state(page, scheme, 'mmob-sign-field-error')));
    await timestamp.fill(signedAt);

    // mmob · Verify: valid; invalid with hints (the email's letter case); malformed; too long (at the field).
    await fillMmobVerify(page, signature);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');
    found.push(...(await state(page, scheme, 'mmob-verify-valid')));
    await emailBox(page).fill('QA@Example.com');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'false');
    await expect(page.getByTestId('hints')).toContainText('EMAIL_MISMATCH');
    found.push(...(await state(page, scheme, 'mmob-verify-invalid-hints')));
    const pasted = page.getByLabel('Signature, boot snippet or JSON');
    await pasted.fill('not-a-signature');
    await expect(page.getByTestId('verdict')).toContainText('SIGNATURE_MALFORMED');
    found.push(...(await state(page, scheme, 'mmob-verify-malformed')));
    await pasted.fill('1'.repeat(LIMITS.signature + 1));
    await fieldError(page, 'Signature, boot snippet or JSON');
    found.push(...(await state(page, scheme, 'mmob-verify-field-error')));

    // Eber · Login URL: a URL with its expiry and QR code; then a base URL that is not one, at its field.
    const url = await fillEberUrl(page);
    await expect(page.getByTestId('qr')).toBeVisible();
    found.push(...(await state(page, scheme, 'eber-url-result')));
    await page.getByLabel('Business base URL').fill('not a url');
    await fieldError(page, 'Business base URL');
    // The result panel says to correct the field, not "enter a URL" as if the form were empty.
    await expect(page.getByTestId('held-at-field')).toBeVisible();
    await expect(page.getByTestId('url-empty')).toBeHidden();
    found.push(...(await state(page, scheme, 'eber-url-field-error')));

    // Eber · Verify URL: valid; invalid with hints (another email); malformed; a verifier time that is not one.
    await fillEberVerify(page, url);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');
    found.push(...(await state(page, scheme, 'eber-verify-valid')));
    const loginUrl = page.getByLabel('Login URL');
    await loginUrl.fill(url.replace('hmac_email=qa%2Btester', 'hmac_email=QA%2Btester'));
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'false');
    await expect(page.getByTestId('hints')).not.toBeEmpty();
    found.push(...(await state(page, scheme, 'eber-verify-invalid-hints')));
    await loginUrl.fill('https://demo.eber.co/login?hmac_email=a');
    await expect(page.getByTestId('verdict')).toContainText('URL_INVALID');
    found.push(...(await state(page, scheme, 'eber-verify-malformed')));
    await loginUrl.fill(url);
    await page.getByLabel('Verifier time (ISO 8601)').fill('yesterday');
    await fieldError(page, 'Verifier time (ISO 8601)');
    found.push(...(await state(page, scheme, 'eber-verify-field-error')));

    // Batch verify after a run: a small log (valid, mismatched and broken lines) chosen as a file.
    const now = 1_735_689_600;
    const signed = signMmob({
      secret: MMOB_SECRET,
      cpId: 'cp_1',
      cpDeploymentId: 'cpd_1',
      email: 'a@b.co',
      timestamp: now,
    });
    const line = (email: string) =>
      JSON.stringify({ signature: signed.signature, cpId: 'cp_1', cpDeploymentId: 'cpd_1', email, now });
    const log = join(app.dir, 'small.jsonl');
    writeFileSync(log, [line('a@b.co'), line('x@b.co'), '{broken', line('A@b.co'), line('a@b.co')].join('\n'));
    await nav(page, 'Batch verify');
    await segment(page, 'One-off secret');
    await page.getByLabel('Secret (one-off)').fill(MMOB_SECRET);
    app.dialogs.openPath = log;
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await expect(page.getByTestId('batch-file')).toContainText('small.jsonl');
    await page.getByRole('button', { name: 'Verify all' }).click();
    await expect(page.getByTestId('batch-state')).toHaveText('done');
    await expect(page.getByTestId('batch-invalid')).toHaveText('2');
    found.push(...(await state(page, scheme, 'batch-done')));

    // History with what the states above recorded: the list, a filter set, the clear confirmation.
    await nav(page, 'History');
    await expect(page.getByRole('table', { name: 'History' })).toBeVisible();
    found.push(...(await state(page, scheme, 'history-list')));
    await pick(page, 'Verdict', 'Invalid / error');
    await expect(page.getByRole('button', { name: 'Clear the verdict filter' })).toBeVisible();
    // At 1024 px the chosen value shows whole: the filters wrap rather than cut it to "Invalid ,".
    const verdict = page.locator('input').and(page.getByLabel('Verdict', { exact: true }));
    await expect(verdict).toHaveValue('Invalid / error');
    expect(await verdict.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    found.push(...(await state(page, scheme, 'history-filtered')));
    await page.getByRole('button', { name: 'Clear history' }).click();
    const dialog = page.getByRole('dialog', { name: 'Clear history?' });
    await expect(dialog).toBeVisible();
    // Scanned once it has finished fading in: half-way, its colours are blends of the page's (a CI run caught
    // white on red at 4.45:1 mid-transition).
    await expect(dialog).toHaveCSS('opacity', '1');
    await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
    found.push(...(await state(page, scheme, 'history-confirm-clear')));
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Clear history?' })).toBeHidden();

    console.log(`axe ${scheme} result states: ${found.length} violation kinds\n${found.join('\n')}`);
    expect(found).toEqual([]);
    expect(app.consoleErrors).toEqual([]);
  });
}

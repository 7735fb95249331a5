/**
 * History records intent, not keystrokes: one entry per copy, open or verified input; its search and
 * filters narrow the list; a pinned entry stays on top; a case exported as JSON holds no secret and, imported
 * again, fills its screen. Clearing asks first, from the palette as from the screen.
 */
import type { Locator, Page } from '@playwright/test';
import { createMmobProfile, EBER_SECRET, emailBox, fillEberUrl, fillEberVerify, MMOB_SECRET, nav, pick } from './fill';
import { expect, screenshot, test } from './harness';

const table = (page: Page) => page.getByRole('table', { name: 'History' });
/** The entries listed (each row with a Restore button; the header row has none). */
const rows = (page: Page): Locator =>
  table(page)
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: /^Restore / }) });

async function historyCount(page: Page): Promise<number> {
  await nav(page, 'History');
  await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
  await expect(table(page).or(page.getByTestId('history-empty'))).toBeVisible();
  return rows(page).count();
}

test('history records intent, filters, pins, and round-trips a case without its secret', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await app.open();
  await createMmobProfile(page);
  expect(await historyCount(page)).toBe(0);

  // Typing an email one key at a time: the live result follows every key, history gets one entry.
  await nav(page, 'mmob · Sign');
  await pick(page, 'Profile', 'Staging mmob');
  await page.getByLabel('Timestamp (Unix seconds)').fill(String(Math.floor(Date.now() / 1000)));
  await page.getByLabel('Nonce').fill('0123456789abcdef0123456789abcdef');
  await emailBox(page).pressSequentially('qa.tester@example.com');
  await expect(page.getByLabel(/^Canonical string/)).toContainText(':qa.tester@example.com:');
  const signature = (await page.getByTestId('signature').textContent())!;
  expect(await historyCount(page)).toBe(1);
  await expect(rows(page).first()).toContainText('inputs settled');

  // Copying a new result: exactly one more entry, recorded as copied.
  await nav(page, 'mmob · Sign');
  await emailBox(page).press('End');
  await emailBox(page).pressSequentially('.au');
  await expect(page.getByLabel(/^Canonical string/)).toContainText(':qa.tester@example.com.au:');
  await page.getByRole('button', { name: 'Copy signature' }).click();
  await expect(page.getByRole('button', { name: 'Copy signature' })).toHaveText('Copied');
  expect(await historyCount(page)).toBe(2);
  await expect(rows(page).first()).toContainText('copied');

  // Opening an Eber login URL: one more, recorded as opened.
  const url = await fillEberUrl(page, 'eber.member@example.com');
  await page.getByRole('button', { name: 'Open in browser' }).click();
  await expect.poll(() => app.opened).toEqual([url]);
  expect(await historyCount(page)).toBe(3);
  await expect(rows(page).first()).toContainText('opened');
  await expect(rows(page).first()).toContainText('Eber · Login URL');

  // Verifying: one entry per verified input — the valid signature, then a tampered email.
  await nav(page, 'mmob · Verify');
  await pick(page, 'Profile', 'Staging mmob');
  await emailBox(page).fill('qa.tester@example.com');
  await page.getByLabel('Signature, boot snippet or JSON').fill(signature);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');
  expect(await historyCount(page)).toBe(4);
  await nav(page, 'mmob · Verify');
  await emailBox(page).fill('Mallory@example.com');
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'false');
  expect(await historyCount(page)).toBe(5);
  await expect(rows(page).first()).toContainText('Invalid');
  await fillEberVerify(page, url);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');
  expect(await historyCount(page)).toBe(6);
  await screenshot(page, 'history-six-acts');

  // Search and each filter narrow the list; clearing a filter brings the rest back.
  const search = page.getByRole('textbox', { name: 'Search' });
  await search.fill('mallory');
  await expect(rows(page)).toHaveCount(1);
  await search.fill('qa.tester');
  await expect(rows(page)).toHaveCount(3); // two signs and the valid verify
  await search.fill('');
  await expect(rows(page)).toHaveCount(6);
  const filters: [string, string, number, string][] = [
    ['Scheme', 'Eber', 2, 'scheme'],
    ['Operation', 'mmob · Verify', 2, 'operation'],
    ['Secret from', 'profile Staging mmob', 4, 'secret'],
    ['Verdict', 'Invalid / error', 1, 'verdict'],
  ];
  for (const [label, option, count, name] of filters) {
    await pick(page, label, option);
    await expect(rows(page), `${label} = ${option}`).toHaveCount(count);
    await page.getByRole('button', { name: `Clear the ${name} filter` }).click();
    await expect(rows(page)).toHaveCount(6);
  }
  // Filters combine: mmob and valid/made.
  await pick(page, 'Scheme', 'mmob');
  await pick(page, 'Verdict', 'Valid / made');
  await expect(rows(page)).toHaveCount(3);
  await screenshot(page, 'history-filtered');
  await page.getByRole('button', { name: 'Clear the scheme filter' }).click();
  await page.getByRole('button', { name: 'Clear the verdict filter' }).click();
  await search.fill('nothing like this anywhere');
  await expect(page.getByTestId('history-none-match')).toBeVisible();
  await search.fill('');

  // Pin the oldest entry (the first sign): it goes to the top, and stays there after a new entry.
  const oldest = rows(page).last();
  const oldestPin = oldest.getByRole('button', { name: /^Pin mmob · Sign from / });
  const pinName = (await oldestPin.getAttribute('aria-label'))!;
  await oldestPin.click();
  const unpin = page.getByRole('button', { name: pinName.replace(/^Pin/, 'Unpin') });
  await expect(unpin).toHaveAttribute('aria-pressed', 'true');
  await expect(
    rows(page)
      .first()
      .getByRole('button', { name: pinName.replace(/^Pin/, 'Unpin') }),
  ).toBeVisible();
  await fillEberVerify(page, `${url}x`);
  expect(await historyCount(page)).toBe(7);
  await expect(
    rows(page)
      .first()
      .getByRole('button', { name: pinName.replace(/^Pin/, 'Unpin') }),
  ).toBeVisible();
  await expect(rows(page).nth(1)).toContainText('Eber · Verify URL');
  await screenshot(page, 'history-pinned');

  // Export the tampered verify as a case: JSON with the inputs and verdict, never the secret.
  const tampered = rows(page).filter({ hasText: 'mmob · Verify' }).filter({ hasText: 'Invalid' });
  await tampered.getByRole('button', { name: /^Export mmob · Verify from / }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Case copied as JSON' })).toBeVisible();
  const exported = app.clipboard.text;
  const parsed = JSON.parse(exported) as { signetCase: number; kind: string; input: Record<string, unknown> };
  expect(parsed).toMatchObject({ signetCase: 1, kind: 'mmob:verify', input: { email: 'Mallory@example.com' } });
  for (const secret of [MMOB_SECRET, EBER_SECRET]) expect(exported).not.toContain(secret);
  expect(exported).not.toMatch(/"(secret|profileId)"/);

  // Import it on the same screen: mmob · Verify opens with its inputs.
  await nav(page, 'mmob · Verify');
  await emailBox(page).fill('someone.else@example.com');
  await nav(page, 'History');
  await page.getByRole('textbox', { name: /^Case JSON/ }).fill(exported);
  await page.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'mmob · Verify' })).toBeVisible();
  await expect(emailBox(page)).toHaveValue('Mallory@example.com');
  await expect(page.getByLabel('cpId')).toHaveValue('cp_7Hq2');
  // History keeps only the start of a signature: the restore asks for it again rather than verify a cut one.
  await expect(page.getByTestId('restore-notice')).toContainText('paste it again');
  await expect(page.getByLabel('Signature, boot snippet or JSON')).toHaveValue('');
  await screenshot(page, 'history-case-imported');
  // Not a case: said at the field.
  await nav(page, 'History');
  await page.getByRole('textbox', { name: /^Case JSON/ }).fill('{"hello": 1}');
  await page.getByRole('button', { name: 'Open case' }).click();
  await expect(page.getByText('That is not a Signet case')).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});

test('clearing history asks first: Cancel and Escape keep it, confirming clears it (palette and screen)', async ({
  app,
}) => {
  const { page } = app;
  await app.open();
  await fillEberUrl(page);
  await page.getByRole('button', { name: 'Copy login url' }).click();
  await expect(page.getByRole('button', { name: 'Copy login url' })).toHaveText('Copied');
  expect(await historyCount(page)).toBe(1);
  await nav(page, 'Eber · Login URL');

  const runClear = async () => {
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command or screen' }).fill('clear history');
    await page.keyboard.press('Enter');
  };
  const dialog = page.getByRole('dialog', { name: 'Clear history?' });

  // Escape cancels; focus starts on Cancel, and goes back to the page when the dialog closes.
  await runClear();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('The one entry will be removed');
  await expect(dialog.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await screenshot(page, 'history-confirm-clear');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: 'Eber · Login URL' })).toBeVisible();
  expect(await historyCount(page)).toBe(1);

  // Enter at once presses Cancel (the focused button): nothing is cleared.
  await runClear();
  await expect(dialog.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  expect(await historyCount(page)).toBe(1);

  // Tab reaches the confirm button; it clears. The History screen shows it at once.
  await runClear();
  // Tab only once the dialog holds focus (on Cancel): pressed earlier, it would move focus on the page behind.
  await expect(dialog.getByRole('button', { name: 'Cancel', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Clear history' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('history-empty')).toBeVisible();
  expect(await historyCount(page)).toBe(0);
  expect(app.services.vault.history().length).toBe(0);

  // The screen's own Clear history button asks the same question.
  await fillEberUrl(page, 'second@example.com');
  await page.getByRole('button', { name: 'Copy login url' }).click();
  expect(await historyCount(page)).toBe(1);
  await page.getByRole('button', { name: 'Clear history' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel: keep history' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows(page)).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear history' }).click();
  await dialog.getByRole('button', { name: 'Clear history' }).click();
  await expect(page.getByTestId('history-empty')).toBeVisible();
  expect(app.consoleErrors).toEqual([]);
});

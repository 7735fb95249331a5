import { expect, screenshot, test } from './harness';

test('smoke: every screen renders', async ({ app }) => {
  await app.open();
  for (const name of ['Profiles', 'mmob · Sign', 'mmob · Verify', 'mmob · Boot snippet', 'Eber · Login URL', 'Eber · Verify URL', 'History']) {
    await app.page.getByRole('button', { name, exact: true }).click();
    await expect(app.page.getByRole('heading', { level: 2, name })).toBeVisible();
    await screenshot(app.page, `smoke-${name.replace(/[^a-z]+/gi, '-')}`);
  }
  expect(app.consoleErrors).toEqual([]);
});

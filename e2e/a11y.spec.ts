/** Every screen and open overlay in light and dark: axe violations of ANY impact (counted, listed, must be 0). */
import type { Page } from '@playwright/test';
import { SCREENS } from '../src/renderer/app/screens';
import { violations } from './axe';
import { expect, screenshot, test } from './harness';

const nav = (page: Page, name: string) =>
  page.getByRole('navigation').getByRole('button', { name, exact: true }).click();

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a11y ${colorScheme}: every screen, the palette, a profile dialog and an open select, zero axe violations`, async ({
    app,
  }) => {
    test.setTimeout(240_000);
    const { page } = app;
    await app.open({ colorScheme });
    const found: string[] = [];
    for (const { title: name } of SCREENS) {
      await nav(page, name);
      await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
      found.push(...(await violations(page, `${colorScheme} ${name}`)));
    }
    // The command palette, open.
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('combobox', { name: 'Command or screen' })).toBeVisible();
    await screenshot(page, `a11y-${colorScheme}-palette`);
    found.push(...(await violations(page, 'palette')));
    await page.keyboard.press('Escape');
    // A profile dialog, open.
    await nav(page, 'Profiles');
    await page.getByRole('button', { name: 'New mmob profile' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await screenshot(page, `a11y-${colorScheme}-profile-dialog`);
    found.push(...(await violations(page, 'profile dialog')));
    await page.keyboard.press('Escape');
    // History filters with a dropdown open.
    await nav(page, 'History');
    await page
      .locator('input')
      .and(page.getByLabel('Operation', { exact: true }))
      .click();
    await expect(page.getByRole('listbox')).toBeVisible();
    await screenshot(page, `a11y-${colorScheme}-history-dropdown`);
    found.push(...(await violations(page, 'history dropdown')));
    console.log(`axe ${colorScheme}: ${found.length} violation kinds\n${found.join('\n')}`);
    expect(found).toEqual([]);
  });
}

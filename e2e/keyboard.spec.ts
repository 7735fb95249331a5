/** Keyboard-first: the palette reaches every screen, shortcuts switch screens, paste anywhere opens a verifier. */
import { SCREENS } from '../src/renderer/app/screens';
import { expect, screenshot, test } from './harness';

test('Ctrl+K opens the palette; typing filters; Enter goes; Ctrl+<n> switches screens; focus lands in the form', async ({
  app,
}) => {
  const { page } = app;
  await app.open();
  for (const { title } of SCREENS) {
    await page.keyboard.press('Control+k');
    const input = page.getByRole('combobox', { name: 'Command or screen' });
    await expect(input).toBeFocused();
    await input.fill(`go ${title}`);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  }
  await page.keyboard.press('Control+5');
  await expect(page.getByRole('heading', { level: 2, name: SCREENS[4]!.title })).toBeVisible();
  // Focus moved into the form of the screen that opened.
  await expect(page.locator('#main :focus')).toHaveCount(1);
  await screenshot(page, 'keyboard-after-switch');
  // The skip link is the first Tab stop of a fresh window, and takes focus into the form.
  await app.open();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the form' })).toBeFocused();
  await screenshot(page, 'keyboard-skip-link');
});

test('Paste to check: an Eber login URL opens the Eber verifier, an mmob signature the mmob verifier', async ({
  app,
}) => {
  const { page } = app;
  await app.open();
  const box = page.getByLabel('Paste to check');
  const url = 'https://demo.eber.co/login/hmac?email=a%40b.co&hmac_hash=0123456789abcdef';
  await box.fill(url);
  await page.getByRole('button', { name: 'Check it' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Eber · Verify URL' })).toBeVisible();
  await expect(page.locator('#main textarea').first()).toHaveValue(url);
  await page.keyboard.press('Control+1');
  await box.fill('1735689600:Xgr1PAaGGWr5lJjayYUV6ULNXCPqWH6kOSoyDvhBQ/A=:nonce1');
  await page.getByRole('button', { name: 'Check it' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'mmob · Verify' })).toBeVisible();
  await screenshot(page, 'keyboard-paste-mmob');
});

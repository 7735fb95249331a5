/**
 * The main screens at three window sizes, with a result showing: screenshots to look at
 * (test-results/screens/layout-<w>x<h>-<screen>.png) and checks that nothing is cut off sideways: no
 * horizontal scrolling, every control inside the window, "Open in browser" on screen.
 */
import type { Page } from '@playwright/test';
import { fillEberUrl, fillEberVerify, fillMmobSign, fillMmobVerify, nav } from './fill';
import { expect, test } from './harness';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 860 },
  { width: 1920, height: 1080 },
] as const;

/** Controls and labels whose right edge lies beyond the main area (clipped or pushing a scrollbar). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const main = document.querySelector('main')!.getBoundingClientRect();
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth)
      out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${window.innerWidth}`);
    for (const el of document.querySelectorAll(
      'main input, main textarea, main button, main label, main img, main table, main td, main code',
    )) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.right > main.right + 1 || r.left < main.left - 1)
        out.push(
          `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(r.left)}..${Math.round(r.right)} outside ${Math.round(main.left)}..${Math.round(main.right)}`,
        );
    }
    return out;
  });
}

async function shoot(page: Page, size: (typeof SIZES)[number], name: string) {
  await page.waitForTimeout(400); // transitions, and the QR code drawn once typing pauses
  expect(await overflowing(page), name).toEqual([]);
  await page.screenshot({
    path: `test-results/screens/layout-${size.width}x${size.height}-${name}.png`,
    fullPage: true,
  });
}

for (const size of SIZES) {
  test(`main screens at ${size.width}×${size.height}`, async ({ app }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await page.setViewportSize(size);
    await app.open();
    await shoot(page, size, 'profiles-empty');
    await nav(page, 'mmob · Sign');
    await shoot(page, size, 'mmob-sign-empty');

    const signature = await fillMmobSign(page);
    await shoot(page, size, 'mmob-sign');
    await fillMmobVerify(
      page,
      signature.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
    );
    await shoot(page, size, 'mmob-verify-mismatch');

    const url = await fillEberUrl(page);
    await expect(page.getByTestId('qr')).toBeVisible();
    // The time zone picker and the button are whole and inside the window's width.
    const open = page.getByRole('button', { name: 'Open in browser' });
    await open.scrollIntoViewIfNeeded();
    await expect(open).toBeInViewport({ ratio: 1 });
    await expect(page.locator('input').and(page.getByLabel('Business time zone', { exact: true }))).toBeVisible();
    await shoot(page, size, 'eber-url');
    await fillEberVerify(page, url);
    await shoot(page, size, 'eber-verify');

    await nav(page, 'Batch verify');
    await shoot(page, size, 'batch');
    await nav(page, 'Profiles');
    await page.getByRole('button', { name: 'New Eber profile' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await shoot(page, size, 'profile-dialog');
  });
}

test('an over-long paste is refused at its field, a copied log line is cleaned with a note', async ({ app }) => {
  const { page } = app;
  await app.open();
  const url = await fillEberUrl(page);
  await fillEberVerify(page, url);
  await page.getByLabel('Login URL').fill(`${url}&x=${'a'.repeat(100_000)}`);
  await expect(page.getByText(/The URL is too long: at most 16,384 characters, this has 100,\d{3}/)).toBeVisible();
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  await page.getByLabel('Login URL').fill(`  > "${url.slice(0, 40)}\n${url.slice(40)}"\n`);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');
  await expect(page.getByTestId('pasted-note')).toContainText('Removed');
  await page.screenshot({ path: 'test-results/screens/layout-eber-verify-cleaned.png', fullPage: true });
});

/**
 * "Compare with yours" on the Verify screens (the app's --their-canonical): a mismatch shows a box for the
 * string the integrator's code logged; pasting it names the first differing byte and the invisible character
 * behind it, an identical one says so, and a string too long to compare gets a message at the field. Axe at
 * any impact, light and dark; screenshots kept.
 */
import { LIMITS } from '../src/shared/limits';
import { violations } from './axe';
import { emailBox, fillEberUrl, fillEberVerify, fillMmobSign, fillMmobVerify } from './fill';
import { expect, screenshot, test } from './harness';

for (const scheme of ['light', 'dark'] as const) {
  test(`compare with yours (${scheme}): mmob canonical string and Eber hashed string, byte by byte`, async ({
    app,
  }) => {
    test.setTimeout(120_000);
    const { page } = app;
    await app.open({ colorScheme: scheme });
    const found: string[] = [];

    // mmob: the signature was made for qa@example.com; verifying with another email fails.
    const signature = await fillMmobSign(page);
    await fillMmobVerify(page, signature);
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'true');
    await expect(page.getByLabel('Compare with your canonical string')).toBeHidden(); // only for a mismatch
    await emailBox(page).fill('qa@example.org');
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'false');
    const timestamp = signature.split(':')[0]!;
    const expected = `${timestamp}:cp_7Hq2:cpd_01HZX3K9:qa@example.org:0123456789abcdef0123456789abcdef`;
    const box = page.getByLabel('Compare with your canonical string');
    // Theirs has a no-break space after the email's "@" part: differs at that byte, named.
    const theirs = expected.replace('qa@example.org', 'qa@example.org\u00a0');
    await box.fill(theirs);
    const diff = page.getByTestId('their-diff');
    await expect(diff).toContainText(`Differs at byte ${expected.indexOf(':0123')}`);
    await expect(diff).toContainText('U+00A0 no-break space (theirs)');
    await expect(diff).toContainText(`Expected ${expected.length} bytes, yours ${expected.length + 2}`);
    found.push(...(await violations(page, `${scheme} mmob their-string differs`)));
    await screenshot(page, `their-string-mmob-${scheme}`);
    await box.fill(expected);
    await expect(diff).toContainText(`Identical to the expected canonical string (${expected.length} bytes).`);
    await box.fill('x'.repeat(LIMITS.url + 1));
    await expect(box).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(/Too long to compare: 16,385 characters/)).toBeVisible();
    await expect(diff).toBeHidden();

    // Eber: a hash made for another email; the hashed string is compared.
    const url = await fillEberUrl(page);
    await fillEberVerify(page, url.replace('hmac_email=qa%2Btester', 'hmac_email=QA%2Btester'));
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-valid', 'false');
    const expiry = decodeURIComponent(/hmac_expiry_date=([^&]+)/.exec(url)![1]!.replace(/\+/g, ' '));
    const eberBox = page.getByLabel('Compare with your hashed string');
    await eberBox.fill(`qa+tester@example.com${expiry}`);
    await expect(page.getByTestId('their-diff')).toContainText('Differs at byte 0');
    found.push(...(await violations(page, `${scheme} eber their-string differs`)));
    await screenshot(page, `their-string-eber-${scheme}`);
    await eberBox.fill(`QA+tester@example.com${expiry}`);
    await expect(page.getByTestId('their-diff')).toContainText('Identical to the expected hashed string');

    expect(found).toEqual([]);
  });
}

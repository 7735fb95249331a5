import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signMmob } from '../src/core/node/mmob/sign';
import { expect, screenshot, test } from './harness';

const SECRET = 'q7mQ0b1Yk8Kc6m2m1n5b5p0q3d0k9r9v2XgJ9vQ1vW0=';
const NOW = 1_735_689_600;
const RECORDS = 100_000;

/**
 * 100 000 mmob records: every 1000th line is broken JSON, every 10th is an hour old (stale), every 4th
 * is checked against another email than was signed (mismatch); the rest carry `now` = signing time.
 */
function writeLog(path: string): { valid: number; mismatch: number; stale: number; malformed: number } {
  const counts = { valid: 0, mismatch: 0, stale: 0, malformed: 0 };
  const base = signMmob({
    secret: SECRET,
    cpId: 'cp_1',
    cpDeploymentId: 'cpd_1',
    email: 'a@b.co',
    timestamp: NOW,
    nonce: '0123456789abcdef0123456789abcdef',
  });
  const stale = signMmob({
    secret: SECRET,
    cpId: 'cp_1',
    cpDeploymentId: 'cpd_1',
    email: 'a@b.co',
    timestamp: NOW - 3600,
    nonce: '0123456789abcdef0123456789abcdef',
  });
  const lines: string[] = [];
  for (let i = 1; i <= RECORDS; i++) {
    if (i % 1000 === 0) {
      lines.push('{not json');
      counts.malformed++;
    } else if (i % 10 === 0) {
      lines.push(
        JSON.stringify({ signature: stale.signature, cpId: 'cp_1', cpDeploymentId: 'cpd_1', email: 'a@b.co' }),
      );
      counts.stale++;
    } else if (i % 4 === 0) {
      lines.push(
        JSON.stringify({ signature: base.signature, cpId: 'cp_1', cpDeploymentId: 'cpd_1', email: `user${i}@b.co` }),
      );
      counts.mismatch++;
    } else {
      lines.push(
        JSON.stringify({ signature: base.signature, cpId: 'cp_1', cpDeploymentId: 'cpd_1', email: 'a@b.co', now: NOW }),
      );
      counts.valid++;
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
  return counts;
}

test('batch-verify 100 000 records: progress, counts, a virtualized failure table, filter and CSV export', async ({
  app,
}) => {
  test.setTimeout(120_000);
  const { page } = app;
  const input = join(app.dir, 'boot-signatures.jsonl');
  const expected = writeLog(input);
  await app.open();
  await page.getByRole('navigation').getByRole('button', { name: 'Batch verify', exact: true }).click();
  await page.locator('label', { hasText: 'One-off secret' }).click();
  await page.getByLabel('Secret (one-off)').fill(SECRET);
  app.dialogs.openPath = input;
  await page.getByRole('button', { name: 'Choose file…' }).click();
  await expect(page.getByTestId('batch-file')).toContainText('boot-signatures.jsonl');
  await page.getByRole('button', { name: 'Verify all' }).click();

  await expect(page.getByTestId('batch-state')).toHaveText('done', { timeout: 90_000 });
  await expect(page.getByTestId('batch-records')).toHaveText(RECORDS.toLocaleString('en-US'));
  // Records without their own "now" are judged at the batch's clock (today), so only the ones that carry
  // now = signing time are valid; stale and mismatched ones are invalid either way.
  await expect(page.getByTestId('batch-valid')).toHaveText(expected.valid.toLocaleString('en-US'));
  await expect(page.getByTestId('batch-malformed')).toHaveText(expected.malformed.toLocaleString('en-US'));
  const failures = RECORDS - expected.valid;
  await expect(page.getByTestId('failure-table')).toHaveAttribute('aria-label', `Failures: ${failures} rows`);
  // Virtualized: tens of rows in the DOM for tens of thousands of failures.
  const rendered = await page.getByTestId('failure-row').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(60);
  await page.getByTestId('failure-table').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByTestId('failure-row').last()).toContainText(String(RECORDS));
  await screenshot(page, 'batch-done');

  // Filter by code: only the broken lines.
  await page.locator('input').and(page.getByLabel('Show failures with')).click();
  await page.getByRole('option', { name: /^JSON_INVALID/ }).click();
  await expect(page.getByTestId('failure-table')).toHaveAttribute('aria-label', `Failures: ${expected.malformed} rows`);

  const out = join(app.dir, 'failures.csv');
  app.dialogs.savePath = out;
  await page.getByRole('button', { name: 'Export failures as CSV' }).click();
  await expect(page.getByText(`Exported ${expected.malformed} failures`)).toBeVisible();
  const csv = readFileSync(out, 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('line,codes,hints,summary');
  expect(csv).toHaveLength(expected.malformed + 1);
  expect(csv[1]).toMatch(/^1000,JSON_INVALID,/);
  expect(app.consoleErrors).toEqual([]);
});

test('batch start refuses a path that was not picked in the dialog', async ({ app }) => {
  await app.open();
  const r = await app.page.evaluate(() =>
    window.signet.batch.start({ path: '/etc/passwd', scheme: 'mmob', format: 'jsonl', secret: 'c2VjcmV0' }),
  );
  expect(r).toMatchObject({ ok: false, error: { code: 'BATCH_FILE' } });
});

test('a log file dropped on the batch form becomes its input; other drops get a clear message', async ({ app }) => {
  const { page } = app;
  const signed = signMmob({ secret: SECRET, cpId: 'cp_1', cpDeploymentId: 'cpd_1', email: 'a@b.co', timestamp: NOW });
  const record = (email: string) =>
    JSON.stringify({ signature: signed.signature, cpId: 'cp_1', cpDeploymentId: 'cpd_1', email, now: NOW });
  writeFileSync(join(app.dir, 'dropped.jsonl'), `${record('a@b.co')}\n${record('x@b.co')}\n{broken\n`);
  writeFileSync(join(app.dir, 'notes.png'), 'not a log');

  await app.open();
  await page.getByRole('navigation').getByRole('button', { name: 'Batch verify', exact: true }).click();
  await page.locator('label', { hasText: 'One-off secret' }).click();
  await page.getByLabel('Secret (one-off)').fill(SECRET);

  const zone = page.getByTestId('batch-drop-zone');
  /** A drag of files named `names` over the form; in the harness, a File named X is the test directory's X. */
  const dragOver = async (names: string[]) => {
    const dataTransfer = await page.evaluateHandle((ns) => {
      const dt = new DataTransfer();
      for (const n of ns) dt.items.add(new File(['…'], n));
      return dt;
    }, names);
    await zone.dispatchEvent('dragenter', { dataTransfer });
    await zone.dispatchEvent('dragover', { dataTransfer });
    return async () => zone.dispatchEvent('drop', { dataTransfer });
  };

  const dropIt = await dragOver(['dropped.jsonl']);
  await expect(zone).toHaveAttribute('data-over', 'true');
  await expect(page.getByTestId('batch-file')).toHaveText('Drop the file to verify it');
  await screenshot(page, 'batch-drop-over');
  await dropIt();
  await expect(zone).not.toHaveAttribute('data-over');
  await expect(page.getByTestId('batch-file')).toContainText('dropped.jsonl');
  await page.getByRole('button', { name: 'Verify all' }).click();
  await expect(page.getByTestId('batch-state')).toHaveText('done');
  await expect(page.getByTestId('batch-records')).toHaveText('3');
  await expect(page.getByTestId('batch-valid')).toHaveText('1');
  await expect(page.getByTestId('batch-invalid')).toHaveText('1');
  await expect(page.getByTestId('batch-malformed')).toHaveText('1');

  const alert = page.getByRole('alert');
  await (
    await dragOver(['dropped.jsonl', 'notes.png'])
  )();
  await expect(alert).toContainText('Drop one file at a time (that was 2).');
  await (
    await dragOver(['notes.png'])
  )();
  await expect(alert).toContainText('"notes.png" is not a log file Signet takes by drag and drop');
  await (
    await dragOver(['not-on-disk.jsonl'])
  )();
  await expect(alert).toContainText('Drop a file from your disk (this item has no file path).');
  await screenshot(page, 'batch-drop-refused');
  // The refused drops left the chosen file as it was.
  await expect(page.getByTestId('batch-file')).toContainText('dropped.jsonl');

  // Outside the form a drop is swallowed (else Chromium would open the file in place of the app) and the
  // cursor says "no": the window's handlers cancel both events and set dropEffect to none.
  const outside = await page.evaluate(() => {
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(new File(['…'], 'dropped.jsonl'));
    const heading = document.querySelector('h1')!;
    const over = new DragEvent('dragover', { dataTransfer, bubbles: true, cancelable: true });
    heading.dispatchEvent(over);
    const dropEffect = dataTransfer.dropEffect;
    const drop = new DragEvent('drop', { dataTransfer, bubbles: true, cancelable: true });
    heading.dispatchEvent(drop);
    return { overCancelled: over.defaultPrevented, dropEffect, dropCancelled: drop.defaultPrevented };
  });
  expect(outside).toEqual({ overCancelled: true, dropEffect: 'none', dropCancelled: true });
  expect(app.consoleErrors).toEqual([]);
});

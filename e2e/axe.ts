/** An axe scan of the page as it is: every violation of ANY impact as one line (logged with its count). */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export async function violations(page: Page, where: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  const list = results.violations.map(
    (v) => `${where}: ${v.id} (${v.impact}) ×${v.nodes.length} ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`,
  );
  console.log(`axe ${where}: ${list.length}${list.length ? `\n  ${list.join('\n  ')}` : ''}`);
  return list;
}

/**
 * Files whose code hides in a pickle other than the first: the page's report is red, lists every
 * pickle of the file with its verdict, and names the member each call is in.
 */
import { readFileSync } from 'node:fs';
import { dropFiles, expect, test } from './fixtures';

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/pickle-verdict/${name}`, import.meta.url)));
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Drop a program file anywhere' })).toBeVisible();
});

test('a legacy .pt with a payload in its sys_info pickle is dangerous, naming that pickle', async ({ page }) => {
  await dropFiles(page, [{ name: 'model.pt', bytes: fixture('legacy-payload-in-3-sysinfo.pt') }]);
  const report = page.getByRole('alert', { name: 'Safety report for model.pt' });
  await expect(report).toHaveAttribute('data-verdict', 'dangerous');
  const members = report.getByRole('list', { name: 'Pickles in this file' }).locator('li');
  await expect(members).toHaveCount(5);
  await expect(members.nth(2)).toHaveAttribute('data-verdict', 'dangerous');
  await expect(members.nth(2)).toContainText('stacked pickle 3 of 5 (sys_info)');
  await expect(members.nth(3)).toHaveAttribute('data-verdict', 'safe');
  const call = report.getByRole('list', { name: 'Calls on load' }).locator('li').filter({ hasText: "posix.system('echo stacked-3')" });
  await expect(call).toContainText('in stacked pickle 3 of 5 (sys_info)');
});

test('a torch zip shows the data.pkl torch loads (the first entry’s folder), not the first one listed', async ({ page }) => {
  await dropFiles(page, [{ name: 'model.pt', bytes: fixture('zip-torch-loads-other-data-pkl.pt') }]);
  const report = page.getByRole('alert', { name: 'Safety report for model.pt' });
  await expect(report).toHaveAttribute('data-verdict', 'dangerous');
  await expect(report).toContainText('PyTorch zip save (payload/data.pkl)');
  const call = report.getByRole('list', { name: 'Calls on load' }).locator('li').filter({ hasText: "posix.system('echo zip-first-entry')" });
  await expect(call).toContainText('in payload/data.pkl');
});

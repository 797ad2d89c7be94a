/**
 * Banners: they take their own row and the workspace shrinks under them, never the page past the
 * window; a file waiting for its key is said to be encrypted, not broken; a notice about what just
 * happened can be dismissed and goes away by itself at the next action.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, pickFiles, screenshotPath, test } from './fixtures';

const eraB = readFileSync('fixtures/programs/dspy-era-b.json');
const sample = readFileSync('public/samples/multihop-qa.json');

async function box(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  expect(b, `${selector} is laid out`).not.toBeNull();
  return b!;
}

test('an error banner over a workspace with every notice: the page stays the window’s height, the panes keep room', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto('./');
  // A migration banner, notes and a failed checksum, all at once...
  await pickFiles(page, [
    { name: 'old.json', bytes: eraB, type: 'application/json' },
    { name: 'old.json.sha256', bytes: Buffer.from(`${'0'.repeat(64)}  old.json\n`) },
  ]);
  await expect(page.getByTestId('migrate-banner')).toBeVisible();
  // ...and then a file that fails to open, over them.
  const gz = gzipSync(sample);
  await pickFiles(page, [{ name: 'cut.json.gz', bytes: gz.subarray(0, gz.length - 30) }]);
  await expect(page.getByRole('alert', { name: 'Error' })).toContainText('Could not open cut.json.gz');

  const size = await page.evaluate(() => ({ scrollHeight: document.documentElement.scrollHeight, scrollWidth: document.documentElement.scrollWidth }));
  expect(size.scrollHeight).toBeLessThanOrEqual(600);
  expect(size.scrollWidth).toBeLessThanOrEqual(800);
  const status = await box(page, '.status-bar');
  expect(status.y + status.height).toBeLessThanOrEqual(600.5);
  // The panes keep a usable height, and end where the status bar begins (nothing drawn over it).
  const panes = await box(page, '.panes');
  expect(panes.height).toBeGreaterThanOrEqual(150);
  expect(panes.y + panes.height).toBeLessThanOrEqual(status.y + 0.5);
  // The program bar is not squeezed under its own content.
  const programBar = await box(page, '.program-bar');
  const exportButton = await box(page, '.program-bar button:has-text("Export…")');
  expect(exportButton.y + exportButton.height).toBeLessThanOrEqual(programBar.y + programBar.height + 0.5);
  await page.screenshot({ path: screenshotPath('banners-stacked-800x600') });

  // What the banners hide can be scrolled to within their own row.
  const facts = page.getByText('Checksum does not match');
  await facts.scrollIntoViewIfNeeded();
  await expect(facts).toBeInViewport();
  await page.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(page.getByRole('alert', { name: 'Error' })).toHaveCount(0);
});

for (const file of [
  { name: 'program.json.enc', says: 'program.json.enc may be encrypted: enter the key to open it.' },
  { name: 'program.json.psenc', says: 'program.json.psenc is encrypted: enter the key to open it.' },
]) {
  test(`${file.name} waiting for its key is said to be encrypted, not an error; cancelled, the error shows`, async ({ page }) => {
    await page.goto('./');
    await pickFiles(page, [{ name: file.name, bytes: readFileSync(`fixtures/crypto/${file.name}`) }]);
    await expect(page.getByTestId('key-prompt')).toBeVisible();
    await expect(page.getByTestId('locked-notice')).toHaveText(file.says);
    await expect(page.getByRole('alert', { name: 'Error' })).toHaveCount(0);
    await page.screenshot({ path: screenshotPath(`banners-locked-${file.name}`) });
    await page.getByTestId('key-prompt').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('locked-notice')).toHaveCount(0);
    await expect(page.getByRole('alert', { name: 'Error' })).toContainText(`Could not open ${file.name}`);
  });
}

test('a notice about what just happened can be dismissed, and goes away by itself at the next action', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Open sample program' }).click();
  const instructions = page.getByRole('textbox', { name: 'Instructions' });
  await instructions.fill('Write one search query.');
  await instructions.press('Tab');
  await page.getByRole('button', { name: /^History/ }).click();
  const panel = page.getByRole('complementary', { name: 'History' });
  await expect(panel.getByRole('list', { name: 'Versions' }).getByRole('listitem')).toHaveCount(2);
  const notice = page.locator('.history-notice');

  // Dismissed on purpose.
  await panel.getByRole('button', { name: 'Restore version 1' }).click();
  await expect(notice).toHaveText(/Restored version 1 as a new version/);
  await notice.getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(notice).toHaveCount(0);

  // Gone at the next click elsewhere...
  await panel.getByRole('button', { name: 'Restore version 2' }).click();
  await expect(notice).toHaveText(/Restored version 2 as a new version/);
  await page.getByRole('heading', { name: 'generate_query[0].predict' }).click();
  await expect(notice).toHaveCount(0);

  // ...or at the next key.
  await panel.getByRole('button', { name: 'Restore version 3' }).click();
  await expect(notice).toHaveText(/Restored version 3 as a new version/);
  await page.keyboard.press('Shift');
  await expect(notice).toHaveCount(0);
});

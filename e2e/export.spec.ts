/**
 * Export journeys: one module out of a real DSPy file (its SHA-256 as shown equals the downloaded
 * bytes'), into the sample program under a new name (the tree shows it, Undo removes it), and a
 * program with an api_key exported redacted by default.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect, pickFiles, screenshotPath, test } from './fixtures';

const REAL = '../shared/fixtures/dspy-real/l3onlau__policy-qa-bot__compiled_rag.json';
const OWN = 'fixtures/programs/dspy-era-f.json';
const source = existsSync(REAL) ? { path: REAL, name: 'compiled_rag.json' } : { path: OWN, name: 'dspy-era-f.json' };

async function bytesOf(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function openFile(page: Page, path: string, name: string): Promise<void> {
  await pickFiles(page, [{ name, bytes: readFileSync(path), type: 'application/json' }]);
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Drop a program file anywhere' })).toBeVisible();
});

test('one module out of a real file, into the sample under a new name, and undone', async ({ page }) => {
  test.info().annotations.push({ type: 'source', description: source.path });
  await openFile(page, source.path, source.name);
  const firstModule = page
    .getByRole('treeitem')
    .filter({ has: page.locator('.kind-predict') })
    .first();
  const moduleId = (await firstModule.getAttribute('aria-label'))?.split(',')[0] ?? '';
  expect(moduleId).not.toBe('');

  // Right-click → Export module…
  await firstModule.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Export module…' }).click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByRole('heading', { name: `Export module ${moduleId}` })).toBeVisible();
  await expect(dialog.getByLabel('File name')).toHaveValue(`${moduleId}.json`);
  await dialog.getByRole('combobox', { name: 'Compression' }).selectOption('gzip');
  await expect(dialog.getByLabel('File name')).toHaveValue(`${moduleId}.json.gz`);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe(`${moduleId}.json.gz`);
  const moduleBytes = await bytesOf(download);
  const shown = await dialog.getByTestId('export-sha256').inputValue();
  expect(shown).toBe(createHash('sha256').update(moduleBytes).digest('hex'));
  await page.screenshot({ path: screenshotPath('export-module-dialog') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Into the sample, through the keyboard-reachable menu button.
  await page.getByRole('button', { name: 'Sample' }).click();
  await expect(page.getByRole('treeitem', { name: /generate_answer.predict/ })).toBeVisible();
  await page.getByRole('button', { name: 'Module actions' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Import module…' }).click();
  const importDialog = page.getByTestId('import-dialog');
  await importDialog.getByTestId('import-file-input').setInputFiles({ name: `${moduleId}.json.gz`, mimeType: 'application/gzip', buffer: moduleBytes });
  await expect(importDialog.getByText(/DSPy state JSON · module self/)).toBeVisible();
  await importDialog.getByLabel('Module name').fill('borrowed_qa');
  await page.screenshot({ path: screenshotPath('export-import-dialog') });
  await importDialog.getByRole('button', { name: 'Import module' }).click();
  await expect(importDialog).toBeHidden();
  const imported = page.getByRole('treeitem', { name: /^borrowed_qa,/ });
  await expect(imported).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', /Import module borrowed_qa/);
  await page.screenshot({ path: screenshotPath('export-imported-tree') });

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(imported).toHaveCount(0);
});

test('a program with an api_key exports redacted by default (Ctrl+S), in light and dark', async ({ page }) => {
  await openFile(page, 'fixtures/programs/dspy-lm-api-key.json', 'dspy-lm-api-key.json');
  await page.keyboard.press('Control+s');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByRole('heading', { name: 'Export program' })).toBeVisible();
  await expect(dialog.getByText(/looks like a\s+secret \(api_key\)/)).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: /REDACTED/ })).toBeChecked();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
  const bytes = await bytesOf(download);
  expect(download.suggestedFilename()).toBe('dspy-lm-api-key.json');
  expect(bytes.includes('sk-proj-EXAMPLE')).toBe(false);
  expect(bytes.toString('utf8')).toContain('"api_key": "[REDACTED]"');
  await expect(dialog.getByTestId('export-sha256')).toHaveValue(createHash('sha256').update(bytes).digest('hex'));
  await expect(dialog.getByText(/1 secret redacted/)).toBeVisible();
  await page.screenshot({ path: screenshotPath('export-redacted-light') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('export-redacted-dark') });
});

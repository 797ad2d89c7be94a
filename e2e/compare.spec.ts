/**
 * Compare journey: a real DSPy file (or our own era F fixture) against an edited copy of it: the
 * summary, a predictor's detail, one demo taken across and undone, the Markdown report downloaded.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Download } from '@playwright/test';
import { expect, pickFiles, screenshotPath, test } from './fixtures';

const REAL = '../shared/fixtures/dspy-real/HoneyOak__Optimising-LLMs__optimized_program.json';
// Our own stand-in when the real corpus is absent: a DSPy 3 program with a predictor of several demos.
const OWN = 'public/samples/multihop-qa.json';
const source = existsSync(REAL) ? { path: REAL, name: 'optimized_program.json' } : { path: OWN, name: 'multihop-qa.json' };

/** `id` as a regular expression matching itself: module paths hold dots and brackets. */
const escapeRegExp = (id: string): string => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Module = { demos?: Array<Record<string, unknown>>; signature?: { instructions?: string } };

/** The same program with its first demo-holding predictor edited: new instructions, one demo added, demos reordered. */
function editedCopy(bytes: Buffer): { text: string; id: string } {
  const value = JSON.parse(bytes.toString('utf8')) as Record<string, Module>;
  const id = Object.keys(value).find((k) => Array.isArray(value[k]?.demos) && value[k]!.demos!.length >= 2)!;
  const m = value[id]!;
  m.signature!.instructions = `${m.signature!.instructions ?? ''} Always cite the source.`;
  const [first, ...rest] = m.demos!;
  const added = Object.fromEntries(Object.keys(rest[0]!).map((k) => [k, k === 'augmented' ? true : `added by the test (${k})`]));
  m.demos = [...rest, first!, added];
  // Another writer: compact, keys in another order.
  const reordered = Object.fromEntries(
    Object.keys(value)
      .reverse()
      .map((k) => [k, value[k]]),
  );
  return { text: JSON.stringify(reordered), id };
}

async function textOf(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

test('compare with an edited copy, take a demo across, undo it, download the report', async ({ page }) => {
  test.info().annotations.push({ type: 'source', description: source.path });
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto('./');
  const bytes = readFileSync(source.path);
  await pickFiles(page, [{ name: source.name, bytes, type: 'application/json' }]);
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();

  const { text, id } = editedCopy(bytes);
  await page.getByRole('button', { name: 'Compare…' }).click();
  const panel = page.getByRole('dialog', { name: 'Compare programs' });
  await panel.getByLabel('File to compare with').setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(text) });

  const summary = panel.getByTestId('compare-summary');
  await expect(summary).toContainText('1 changed');
  await expect(summary).toContainText('demos: 1 added, 1 moved');
  await expect(panel.getByTestId('compare-era')).toHaveCount(0);

  await panel
    .getByRole('button', { name: new RegExp(`^changed ${escapeRegExp(id)}: instructions changed \\(\\+4 −0 words\\), 1 demo added, 1 moved`) })
    .click();
  const detail = panel.getByLabel(`Changes of ${id}`);
  await expect(detail.locator('ins').first()).toContainText('Always');
  await expect(detail.getByTestId('compare-demo')).toHaveCount(2);
  await page.screenshot({ path: screenshotPath('compare-1400x900') });

  // Take the added demo: the document gains it, the comparison no longer lists it.
  await detail.getByRole('button', { name: /^Take demo B#\d+ from B$/ }).click();
  await expect(page.getByTestId('changed')).toHaveText('1 change');
  await expect(summary).not.toContainText('added');
  await expect(detail.getByTestId('compare-demo')).toHaveCount(1);

  // Undo takes it back, and the comparison follows.
  await panel.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('changed')).toHaveCount(0);
  await expect(summary).toContainText('demos: 1 added, 1 moved');
  await expect(detail.getByTestId('compare-demo')).toHaveCount(2);

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Markdown report' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.md$/);
  const md = await textOf(download);
  expect(md).toContain('## Program comparison');
  expect(md).toContain(`### ${id}`);
  expect(md).toContain('<ins>');

  await page.setViewportSize({ width: 800, height: 600 });
  await expect(detail).toBeVisible();
  await page.screenshot({ path: screenshotPath('compare-800x600') });
});

test('compare with a recent file from this browser’s history, at its last version', async ({ page }) => {
  await page.goto('./');
  const bytes = readFileSync(source.path);
  const { text, id } = editedCopy(bytes);
  await pickFiles(page, [{ name: 'edited.json', bytes: Buffer.from(text), type: 'application/json' }]);
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();
  await pickFiles(page, [{ name: source.name, bytes, type: 'application/json' }]);
  await expect(page.getByRole('button', { name: 'Compare…' })).toBeVisible();
  await expect(page.getByText(source.name).first()).toBeVisible();

  await page.getByRole('button', { name: 'Compare…' }).click();
  const panel = page.getByRole('dialog', { name: 'Compare programs' });
  const recent = panel.getByRole('combobox', { name: 'Compare with a recent file' });
  await expect(recent.locator('option', { hasText: 'edited.json' })).toHaveCount(1);
  await recent.selectOption({ label: 'edited.json' });
  await expect(panel.getByTestId('compare-other')).toHaveText('edited.json');
  await expect(panel.getByTestId('compare-summary')).toContainText('demos: 1 added, 1 moved');
  await expect(panel.getByRole('button', { name: new RegExp(`^changed ${escapeRegExp(id)}:`) })).toBeVisible();
});

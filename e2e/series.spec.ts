/**
 * Checkpoint series: three BASE.vN.TAG files dropped together become a timeline with tags; the
 * first and last compare side by side; the second opens as an ordinary document and is edited;
 * two torch checkpoint dicts show their epoch and loss; a broken diff is marked where it breaks.
 */
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { dropFiles, editorText, expect, screenshotPath, test } from './fixtures';

const file = (dir: string, name: string) => ({ name, bytes: new Uint8Array(readFileSync(new URL(`../fixtures/${dir}/${name}`, import.meta.url))) });
const RUN = ['qa_run.v3.best', 'qa_run.v1', 'qa_run.v2.epoch_1'];

test('drop a series, see its timeline, compare the first and last, open the second and edit it', async ({ page }) => {
  await page.goto('./');
  await dropFiles(
    page,
    RUN.map((n) => file('series/full', n)),
  );

  const timeline = page.getByRole('table', { name: 'Checkpoints' });
  await expect(timeline).toBeVisible();
  const rows = timeline.locator('tbody tr:not(.series-error-row)');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('qa_run.v1');
  await expect(rows.nth(1)).toContainText('epoch_1');
  await expect(rows.nth(2)).toContainText('best');
  await expect(rows.nth(2).locator('[data-metric="optimization_score"]')).toHaveText('0.73');
  await expect(rows.nth(1).locator('[data-metric="total demos"]')).toHaveText('3');
  await expect(page.getByRole('img', { name: /optimization_score across the series/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('series-timeline-light'), fullPage: true });

  // Compare: the pickers start at the first and the last checkpoint.
  await expect(page.getByLabel('Compare from')).toHaveValue('0');
  await expect(page.getByLabel('Compare to')).toHaveValue('2');
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByLabel('Comparison summary')).toHaveText('2 modules with changed instructions · 2 demos added · 0 removed · 1 changed');
  const perModule = page.getByRole('table', { name: 'Changes per module' });
  await expect(perModule.getByRole('row', { name: /generate_answer\.predict/ })).toContainText('1 → 3');
  await expect.poll(async () => JSON.parse((await editorText(page, 'series/checkpoint-1.json')) ?? 'null')?.metadata?.optimization_score).toBe(0.41);
  await expect.poll(async () => JSON.parse((await editorText(page, 'series/checkpoint-3.json')) ?? 'null')?.metadata?.optimization_score).toBe(0.73);
  await page.getByLabel('Whole program diff').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('series-compare-light'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('series-compare-dark'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });

  // Download as base + diffs in one zip: the proposal's names, a full base and JSON Patch diffs.
  await expect(page.getByLabel('Layout sizes')).toContainText('Base + diffs is 57% of the full snapshots');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download series' }).click()]);
  expect(download.suggestedFilename()).toBe('qa_run.diffs.zip');
  const entries = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(entries)).toEqual(['qa_run.v1', 'qa_run.v2.epoch_1', 'qa_run.v3.best']);
  expect(JSON.parse(new TextDecoder().decode(entries['qa_run.v2.epoch_1']))[0]).toHaveProperty('op');
  await expect(page.getByRole('status').filter({ hasText: 'Saved qa_run.diffs.zip' })).toBeVisible();

  // Open the second checkpoint as an ordinary document and edit a demo field.
  await page.getByRole('button', { name: 'Open checkpoint 2' }).click();
  await expect(page.getByRole('region', { name: 'Opened from a series' })).toContainText('Checkpoint 2 of 3');
  await page.getByRole('treeitem', { name: /^generate_answer\.predict,/ }).click();
  await expect(page.getByRole('heading', { name: 'generate_answer.predict' })).toBeVisible();
  const demo2 = page.getByRole('article', { name: 'Demo 2', exact: true });
  await expect(demo2).toContainText('Seine');
  await demo2.getByRole('button', { name: /^answer: / }).click();
  const answer = demo2.getByRole('textbox', { name: 'Edit answer' });
  await answer.fill('The Seine river');
  await answer.press('Control+Enter');
  await expect(demo2).toContainText('The Seine river');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
  await page.screenshot({ path: screenshotPath('series-checkpoint-edited-light') });

  // Compare the edited checkpoint with the last one of its series, predictor by predictor.
  await page.getByRole('button', { name: 'Compare…' }).click();
  const checkpointPicker = page.getByRole('combobox', { name: 'Compare with a checkpoint' });
  await expect(checkpointPicker.locator('option')).toHaveText(['A checkpoint…', '1. qa_run.v1', '3. qa_run.v3.best']);
  await checkpointPicker.selectOption({ label: '3. qa_run.v3.best' });
  await expect(page.getByTestId('compare-other')).toHaveText('checkpoint 3 (qa_run.v3.best)');
  await expect(page.getByTestId('compare-summary')).toContainText('predictor');
  await page.getByRole('button', { name: 'Close the comparison' }).click();

  // Back to the timeline: the series is still there, the file it came from unchanged.
  await page.getByRole('button', { name: 'Back to series' }).click();
  await expect(rows.nth(1)).toHaveClass(/opened/);
  await expect(rows.nth(1).locator('[data-metric="total demos"]')).toHaveText('3');
});

test('two torch checkpoint dicts show epoch and loss on the timeline', async ({ page }) => {
  await page.goto('./');
  await dropFiles(
    page,
    ['torch-checkpoint-epoch2.pt', 'torch-checkpoint-epoch1.pt'].map((n) => file('pickle', n)),
  );
  const rows = page.getByRole('table', { name: 'Checkpoints' }).locator('tbody tr:not(.series-error-row)');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('torch-checkpoint-epoch1.pt');
  await expect(rows.nth(0).locator('[data-metric="epoch"]')).toHaveText('1');
  await expect(rows.nth(1).locator('[data-metric="epoch"]')).toHaveText('2');
  await expect(rows.nth(0).locator('[data-metric="loss"]')).toHaveText('0.75');
  await expect(rows.nth(1).locator('[data-metric="loss"]')).toHaveText('0.5');
  await page.getByLabel('Number to chart').selectOption('loss');
  await expect(page.getByRole('img', { name: /loss across the series/ })).toBeVisible();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('series-torch-dark'), fullPage: true });
});

test('a diff that does not apply is marked at its checkpoint with the failing operation; the ones before open', async ({ page }) => {
  await page.goto('./');
  await dropFiles(
    page,
    RUN.map((n) => file('series/broken', n)),
  );
  const rows = page.getByRole('table', { name: 'Checkpoints' }).locator('tbody tr:not(.series-error-row)');
  await expect(rows).toHaveCount(3);
  const brk = page.getByRole('note', { name: 'Break at checkpoint 3' });
  await expect(brk).toContainText('Failing operation #3: remove /generate_query.predict/demos/5');
  await expect(page.getByRole('button', { name: 'Open checkpoint 3' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Open checkpoint 2' })).toBeEnabled();
  await expect(rows.nth(1)).toContainText('diff · 3 ops');
  await page.screenshot({ path: screenshotPath('series-broken-light'), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('series-broken-dark'), fullPage: true });
});

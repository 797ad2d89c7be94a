/**
 * History journeys: edits survive a reload and a crashed browser, the timeline restores and
 * compares versions, and a full storage is said plainly without losing what was stored.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { editorText, expect, pickFiles, screenshotPath, test } from './fixtures';

const ID = 'generate_answer.predict';
const program = {
  [ID]: {
    traces: [],
    train: [],
    demos: [
      { augmented: true, question: 'Who wrote Ubik?', answer: 'Philip K. Dick' },
      { augmented: true, question: 'Capital of Peru?', answer: 'Lima' },
      { augmented: true, question: 'Boiling point of water?', answer: '100 C' },
    ],
    signature: {
      instructions: 'Answer briefly.',
      fields: [
        { prefix: 'Question:', description: '${question}' },
        { prefix: 'Answer:', description: '${answer}' },
      ],
    },
    lm: null,
  },
  metadata: { dependency_versions: { python: '3.12', dspy: '3.0.3', cloudpickle: '3.1' } },
};
const bytes = Buffer.from(JSON.stringify(program, null, 2) + '\n');
const NAME = 'history-fixture.json';

const edited = {
  ...program[ID],
  signature: { ...program[ID].signature, instructions: 'Answer in one word.' },
  demos: [{ ...program[ID].demos[0]!, answer: 'P. K. Dick' }, program[ID].demos[2]!],
};

async function moduleJson(page: Page): Promise<unknown> {
  const text = await editorText(page, `modules/${encodeURIComponent(ID)}.json`);
  return text === undefined ? undefined : JSON.parse(text);
}

const demoCard = (page: Page, n: number) => page.getByRole('article', { name: `Demo ${n}`, exact: true });

async function openFixture(page: Page): Promise<void> {
  await pickFiles(page, [{ name: NAME, bytes, type: 'application/json' }]);
  await page.getByRole('treeitem', { name: new RegExp(`^${ID.replace('.', '\\.')},`) }).click();
  await expect.poll(() => moduleJson(page)).toEqual(program[ID]);
}

/** Instructions, a demo field, and a deleted demo: three undoable edits. */
async function makeThreeEdits(page: Page): Promise<void> {
  const instructions = page.getByRole('textbox', { name: 'Instructions' });
  await instructions.fill('Answer in one word.');
  await instructions.press('Tab');
  await demoCard(page, 1)
    .getByRole('button', { name: /^answer: / })
    .click();
  const answer = demoCard(page, 1).getByRole('textbox', { name: 'Edit answer' });
  await answer.fill('P. K. Dick');
  await answer.press('Control+Enter');
  await expect(demoCard(page, 1)).toContainText('P. K. Dick');
  await demoCard(page, 2).getByRole('button', { name: 'Delete demo 2' }).click();
  await expect.poll(() => moduleJson(page)).toEqual(edited);
}

async function openHistory(page: Page) {
  const panel = page.getByRole('complementary', { name: 'History' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^History/ }).click();
  await expect(panel).toBeVisible();
  return panel;
}

async function waitSaved(page: Page): Promise<void> {
  const panel = await openHistory(page);
  await expect(panel.getByTestId('history-saved')).toHaveText('All changes saved');
}

const versions = (page: Page) => page.getByRole('list', { name: 'Versions' }).getByRole('listitem');

test('three edits survive a reload; restore the first version, then compare it with the last', async ({ page }) => {
  await page.goto('./');
  await openFixture(page);
  await makeThreeEdits(page);
  await waitSaved(page);
  await expect(versions(page)).toHaveCount(4);

  await page.reload();
  await expect(page.getByRole('region', { name: 'Restore last session' })).toContainText('3 changes');
  await page.screenshot({ path: screenshotPath('history-session-prompt') });
  await page.getByRole('button', { name: `Restore ${NAME}` }).click();
  await page.getByRole('treeitem', { name: new RegExp(`^${ID.replace('.', '\\.')},`) }).click();
  await expect.poll(() => moduleJson(page)).toEqual(edited);

  await openHistory(page);
  await expect(versions(page)).toHaveCount(4);
  await expect(versions(page).nth(0)).toContainText(`Opened ${NAME}`);
  await expect(versions(page).nth(1)).toContainText(`Edit instructions of ${ID}`);
  await expect(versions(page).nth(2)).toContainText(`Edit answer of demo 1 of ${ID}`);
  await expect(versions(page).nth(3)).toContainText(`Remove demo 2 of ${ID}`);
  await page.screenshot({ path: screenshotPath('history-timeline') });

  // Restore version 1: a new version on top, the later ones kept.
  await page.getByRole('button', { name: 'Restore version 1' }).click();
  await expect.poll(() => moduleJson(page)).toEqual(program[ID]);
  await expect(versions(page)).toHaveCount(5);
  await expect(versions(page).nth(4)).toContainText('Restore version 1');

  // The restored version against the last edit, in Monaco's diff editor.
  await page.getByRole('combobox', { name: 'First version' }).selectOption({ index: 4 });
  await page.getByRole('combobox', { name: 'Second version' }).selectOption({ index: 3 });
  await page.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Compare versions' })).toContainText('Version 5 → version 4');
  await expect.poll(async () => JSON.parse((await editorText(page, 'history/version-a.json')) ?? 'null')).toEqual(program);
  await expect.poll(async () => JSON.parse((await editorText(page, 'history/version-b.json')) ?? 'null')).toEqual({ ...program, [ID]: edited });
  await expect(page.locator('.history-diff .monaco-diff-editor')).toBeVisible();
  await page.screenshot({ path: screenshotPath('history-compare') });
  await page.getByRole('button', { name: 'Close', exact: true }).click();

  // Undo takes the restore back: it was one edit.
  await page.getByRole('button', { name: 'Close history' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => moduleJson(page)).toEqual(edited);

  // Name a version; the start page lists the document as a recent file.
  await openHistory(page);
  await page.getByRole('button', { name: 'Name version 2' }).click();
  await page.getByRole('textbox', { name: 'Name of version 2' }).fill('before demo fixes');
  await page.getByRole('textbox', { name: 'Name of version 2' }).press('Enter');
  await expect(versions(page).nth(1)).toContainText('before demo fixes');
  await waitSaved(page);
  await page.reload();
  await page.getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByRole('region', { name: 'Recent files' })).toContainText(NAME);
  await page.screenshot({ path: screenshotPath('history-recent-files') });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the history panel reads well in ${scheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('./');
    await openFixture(page);
    await makeThreeEdits(page);
    await waitSaved(page);
    await page.screenshot({ path: screenshotPath(`history-panel-${scheme}`) });
  });
}

test('a crashed browser loses no saved edit: relaunched, the session comes back', async ({ baseURL }, testInfo) => {
  const dir = mkdtempSync(join(tmpdir(), 'history-profile-'));
  const launch = testInfo.project.use.launchOptions ?? {};
  const relaunch = async (): Promise<BrowserContext> => {
    const context = await chromium.launchPersistentContext(dir, { ...launch, headless: true, baseURL, serviceWorkers: 'block' });
    await context.route('**/*', (route) => (/^https?:\/\/127\.0\.0\.1[:/]/.test(route.request().url()) ? route.continue() : route.abort('blockedbyclient')));
    return context;
  };
  try {
    let context = await relaunch();
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto('./');
    await openFixture(page);
    await makeThreeEdits(page);
    await waitSaved(page);
    // Crash the browser: no unload, no pagehide, no last chance to write.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Browser.crash' as never).catch(() => undefined);
    await context.close().catch(() => undefined);

    context = await relaunch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('./');
    await page.getByRole('button', { name: `Restore ${NAME}` }).click();
    await page.getByRole('treeitem', { name: new RegExp(`^${ID.replace('.', '\\.')},`) }).click();
    await expect.poll(() => moduleJson(page)).toEqual(edited);
    await openHistory(page);
    await expect(versions(page)).toHaveCount(4);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a full storage is reported, nothing stored is lost, and saving resumes once there is room', async ({ page }) => {
  // A small quota, simulated where the browser enforces it: IndexedDB refuses a value larger than
  // `__maxPutBytes` with the QuotaExceededError a full origin gives.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      const max = (globalThis as { __maxPutBytes?: number }).__maxPutBytes;
      if (max !== undefined && JSON.stringify(value ?? null).length > max) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    } as typeof put;
  });
  await page.goto('./');
  await openFixture(page);
  const instructions = page.getByRole('textbox', { name: 'Instructions' });
  await instructions.fill('First, small edit.');
  await instructions.press('Tab');
  await waitSaved(page);

  await page.evaluate(() => ((globalThis as { __maxPutBytes?: number }).__maxPutBytes = 100_000));
  await instructions.fill('x'.repeat(400_000));
  await instructions.press('Tab');
  const problem = page.getByRole('alert', { name: 'History storage problem' }).first();
  await expect(problem).toContainText('History storage is full');
  await expect(problem).toContainText('1 change is kept in this page but not stored yet');
  await expect(page.getByTestId('history-saved')).toHaveText('Not saved');
  await expect(page.getByRole('button', { name: /^History/ })).toHaveAttribute('title', /storage for this page is full/);
  await page.screenshot({ path: screenshotPath('history-quota') });

  // Room again: retry stores the queued edit; everything is there after a reload.
  await page.evaluate(() => delete (globalThis as { __maxPutBytes?: number }).__maxPutBytes);
  await problem.getByRole('button', { name: 'Retry saving' }).click();
  await expect(page.getByTestId('history-saved')).toHaveText('All changes saved');
  await page.reload();
  await page.getByRole('button', { name: `Restore ${NAME}` }).click();
  await openHistory(page);
  await expect(versions(page)).toHaveCount(3);
  await expect(page.getByRole('textbox', { name: 'Instructions' })).toHaveValue('x'.repeat(400_000));
});

test('a history exported as one file imports again into a fresh browser', async ({ page, browser }) => {
  await page.goto('./');
  await openFixture(page);
  await makeThreeEdits(page);
  await waitSaved(page);
  const panel = await openHistory(page);
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export history' }).click()]);
  expect(download.suggestedFilename()).toBe(`${NAME}.history.json`);
  const file = await download.path();

  // Delete it here (with confirmation), then import it in a fresh context.
  await panel.getByRole('button', { name: 'Delete history…' }).click();
  await panel.getByRole('alertdialog', { name: 'Confirm delete' }).getByRole('button', { name: 'Delete' }).click();
  await expect(versions(page)).toHaveCount(0);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto('./');
  await other.getByRole('button', { name: 'Open sample program' }).click();
  const otherPanel = await openHistory(other);
  await otherPanel.getByTestId('history-import').setInputFiles(file);
  await expect(other.getByRole('status').filter({ hasText: `Imported the history of ${NAME} (4 entries)` })).toBeVisible();
  await other.reload();
  await other
    .getByRole('button', { name: 'Not now' })
    .click()
    .catch(() => undefined);
  await other
    .getByRole('region', { name: 'Recent files' })
    .getByRole('button', { name: new RegExp(NAME) })
    .click();
  await other.getByRole('treeitem', { name: new RegExp(`^${ID.replace('.', '\\.')},`) }).click();
  await expect.poll(() => moduleJson(other)).toEqual(edited);
  await fresh.close();
});

test('two tabs editing the same document both keep their edits in its history', async ({ context }) => {
  // Two pages of the app at once, each opening and editing: on a loaded 2-core machine it needs more than one minute.
  test.slow();
  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const page of [a, b]) {
    await page.goto('./');
    await openFixture(page);
  }
  const instructions = a.getByRole('textbox', { name: 'Instructions' });
  await instructions.fill('Answer from tab A.');
  await instructions.press('Tab');
  await demoCard(b, 2)
    .getByRole('button', { name: /^answer: / })
    .click();
  const answer = demoCard(b, 2).getByRole('textbox', { name: 'Edit answer' });
  await answer.fill('Lima, from tab B');
  await answer.press('Control+Enter');
  await waitSaved(a);
  await waitSaved(b);

  // A third tab opening the same bytes finds one history holding both tabs' edits.
  const c = await context.newPage();
  await c.goto('./');
  const prompt = c.getByRole('button', { name: 'Not now' });
  if (await prompt.isVisible()) await prompt.click();
  await openFixture(c);
  await openHistory(c);
  const labels = await versions(c).allTextContents();
  expect(labels.some((l) => l.includes(`Edit instructions of ${ID}`))).toBe(true);
  expect(labels.some((l) => l.includes(`Edit answer of demo 2 of ${ID}`))).toBe(true);
});

test('the history names a migration, a module import and an export by what they were', async ({ page }) => {
  await page.goto('./');
  const eraB = readFileSync(new URL('../fixtures/programs/dspy-era-b.json', import.meta.url));
  await pickFiles(page, [{ name: 'old-program.json', bytes: eraB, type: 'application/json' }]);
  await expect(page.getByTestId('migrate-banner')).toBeVisible();

  // A migration.
  await page.getByTestId('migrate-open').click();
  const migrate = page.getByTestId('migrate-dialog');
  await expect(migrate.getByTestId('migrate-apply')).toBeEnabled();
  await migrate.getByTestId('migrate-apply').click();
  await expect(migrate).toBeHidden();
  await expect(page.getByTestId('era')).toHaveText(/^era F/);

  // A module imported from a file: this spec's own predictor, saved as DSPy saves one module.
  await page.getByRole('button', { name: 'Module actions' }).click();
  await page.getByRole('menuitem', { name: 'Import module…' }).click();
  const importDialog = page.getByTestId('import-dialog');
  const moduleFile = Buffer.from(JSON.stringify({ self: program[ID], metadata: program.metadata }, null, 2));
  await importDialog.getByTestId('import-file-input').setInputFiles({ name: 'qa.json', mimeType: 'application/json', buffer: moduleFile });
  // The form suggests a name once it has read the file; the name typed comes after.
  await expect(importDialog.getByText(/DSPy state JSON · module self/)).toBeVisible();
  await importDialog.getByLabel('Module name').fill('imported_qa');
  await importDialog.getByRole('button', { name: 'Import module' }).click();
  await expect(importDialog).toBeHidden();
  await expect(page.getByRole('treeitem', { name: /^imported_qa,/ })).toBeVisible();

  // An export.
  await page.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByTestId('export-dialog');
  const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe('old-program.json');
  await exportDialog.getByRole('button', { name: 'Close' }).click();

  const panel = await openHistory(page);
  await expect(versions(page)).toHaveCount(4);
  const entry = (kind: string) => panel.locator(`[data-kind="${kind}"]`);
  await expect(entry('open')).toHaveCount(1);
  await expect(entry('migration')).toContainText(/migration.*Migrate DSPy .* to DSPy 3\.x/);
  await expect(entry('import')).toContainText(/import.*Import module imported_qa/);
  await expect(entry('export')).toContainText(/export.*Exported as old-program\.json/);
  await expect(entry('edit')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('history-kinds') });

  // Undo takes back the import, then the migration, each recorded as an undo.
  await panel.getByRole('button', { name: 'Close history' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('treeitem', { name: /^imported_qa,/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('era')).toHaveText(/^era B/);
  await openHistory(page);
  await expect(entry('undo')).toHaveCount(2);
});

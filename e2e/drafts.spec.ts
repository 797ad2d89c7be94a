/**
 * Nothing typed is lost, and a restored session is the session as it was: a Module JSON draft with
 * an error survives a module switch and a reload (marked, in the editor and the tree) until it is
 * discarded on purpose; and after a reload, Undo and Redo act as before it, counted the same way in
 * the restore prompt and the program bar.
 */
import type { Page } from '@playwright/test';
import { editorText, expect, pickFiles, screenshotPath, test } from './fixtures';

const module = (instructions: string) => ({
  traces: [],
  train: [],
  demos: [{ augmented: true, question: 'Capital of Peru?', answer: 'Lima' }],
  signature: {
    instructions,
    fields: [
      { prefix: 'Question:', description: '${question}' },
      { prefix: 'Answer:', description: '${answer}' },
    ],
  },
  lm: null,
});
const FIRST = 'first.predict';
const SECOND = 'second.predict';
const program = {
  [FIRST]: module('Answer briefly.'),
  [SECOND]: module('Answer at length.'),
  metadata: { dependency_versions: { python: '3.12', dspy: '3.0.3', cloudpickle: '3.1' } },
};
const NAME = 'drafts-fixture.json';
const bytes = Buffer.from(JSON.stringify(program, null, 2) + '\n');

const row = (page: Page, id: string) => page.getByRole('treeitem', { name: new RegExp(`^${id.replace('.', '\\.')},`) });
const moduleText = (page: Page, id: string) => editorText(page, `modules/${encodeURIComponent(id)}.json`);

async function select(page: Page, id: string): Promise<void> {
  await row(page, id).click();
  await expect(page.getByRole('heading', { name: id })).toBeVisible();
  await expect.poll(() => moduleText(page, id)).toBeDefined();
}

/** The keys the page has stored in its history database under `prefix`. */
function storedKeys(page: Page, prefix: string): Promise<string[]> {
  return page.evaluate(
    (p) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('program-studio-history');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db
            .transaction('history')
            .objectStore('history')
            .getAllKeys(IDBKeyRange.bound(p, `${p}\uffff`));
          request.onsuccess = () => {
            db.close();
            resolve(request.result.map(String));
          };
          request.onerror = () => reject(request.error);
        };
      }),
    prefix,
  );
}

async function reloadAndRestore(page: Page): Promise<void> {
  await page.reload();
  await page.getByRole('button', { name: `Restore ${NAME}` }).click();
  // A new document worker starts on a machine that may be busy: a condition with a generous budget.
  await expect(row(page, FIRST)).toBeVisible({ timeout: 60_000 });
}

test('a Module JSON draft with an error survives a module switch and a reload, marked, until it is discarded', async ({ page }) => {
  // Two reloads and restores on a busy machine: a larger budget, never a wait.
  test.slow();
  await page.goto('./');
  await pickFiles(page, [{ name: NAME, bytes, type: 'application/json' }]);
  await select(page, FIRST);
  const original = await moduleText(page, FIRST);
  expect(JSON.parse(original!)).toEqual(program[FIRST]);

  // Typed: a comma after the closing brace does not parse.
  await page.locator('.json-editor .monaco-editor').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(', "typed": 1');
  const draft = `${original!.trimEnd()}, "typed": 1`;
  await expect(page.getByTestId('json-status')).toContainText(/line \d+, column \d+.* not applied/i);
  const marker = page.getByTestId('json-draft');
  await expect(marker).toContainText('Unsaved draft with an error');
  await expect(row(page, FIRST)).toHaveAccessibleName(/unsaved draft with an error$/);
  await expect(row(page, FIRST).getByTestId('tree-draft')).toBeVisible();

  // Another module and back: the draft and its error are still there.
  await select(page, SECOND);
  await expect(marker).toHaveCount(0);
  await expect(row(page, SECOND)).not.toHaveAccessibleName(/draft/);
  await select(page, FIRST);
  await expect.poll(async () => (await moduleText(page, FIRST))?.trimEnd()).toBe(draft);
  await expect(marker).toBeVisible();
  await expect(page.getByTestId('json-status')).toContainText(/not applied/);
  await expect(page.getByRole('textbox', { name: 'Instructions' })).toHaveValue('Answer briefly.');

  // A reload: the restored session brings the draft back, marked.
  await expect.poll(() => storedKeys(page, 'draft/')).toHaveLength(1);
  await expect.poll(() => storedKeys(page, 'session/')).toHaveLength(1);
  await reloadAndRestore(page);
  await expect(row(page, FIRST).getByTestId('tree-draft')).toBeVisible();
  await select(page, FIRST);
  await expect.poll(async () => (await moduleText(page, FIRST))?.trimEnd()).toBe(draft);
  await expect(marker).toContainText('Unsaved draft with an error');
  await expect(page.getByTestId('json-status')).toContainText(/line \d+, column \d+.* not applied/i);
  await page.screenshot({ path: screenshotPath('drafts-restored') });

  // Discarded on purpose: the text is gone, here and in storage, and stays gone after a reload.
  await marker.getByRole('button', { name: 'Discard draft' }).click();
  await expect(marker).toHaveCount(0);
  await expect.poll(() => moduleText(page, FIRST)).toBe(original);
  await expect(page.getByTestId('json-status')).toContainText('in sync with the model');
  await expect(row(page, FIRST).getByTestId('tree-draft')).toHaveCount(0);
  await expect.poll(() => storedKeys(page, 'draft/')).toEqual([]);
  await expect.poll(() => storedKeys(page, 'session/')).toHaveLength(1);
  await reloadAndRestore(page);
  await select(page, FIRST);
  await expect.poll(() => moduleText(page, FIRST)).toBe(original);
  await expect(marker).toHaveCount(0);
  await expect(row(page, FIRST).getByTestId('tree-draft')).toHaveCount(0);
});

test('a restored session brings back Undo and Redo as they were, and both counts agree', async ({ page }) => {
  test.slow();
  await page.goto('./');
  await pickFiles(page, [{ name: NAME, bytes, type: 'application/json' }]);
  await select(page, FIRST);
  const instructions = page.getByRole('textbox', { name: 'Instructions' });
  const changed = page.getByTestId('changed');
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  for (const [n, text] of (['One.', 'Two.', 'Three.'] as const).entries()) {
    await instructions.fill(text);
    await instructions.press('Tab');
    await expect(changed).toHaveText(`${n + 1} change${n === 0 ? '' : 's'}`);
  }
  await undo.click();
  await expect(instructions).toHaveValue('Two.');
  await expect(changed).toHaveText('2 changes · 1 undone');
  // Stored: the open, three edits and the undo.
  await expect.poll(() => storedKeys(page, 'entry/')).toHaveLength(5);

  await page.reload();
  const prompt = page.getByRole('region', { name: 'Restore last session' });
  await expect(prompt.getByTestId('offer-changes')).toHaveText('2 changes · 1 undone');
  await page.screenshot({ path: screenshotPath('drafts-session-prompt') });
  await page.getByRole('button', { name: `Restore ${NAME}` }).click();
  await expect(row(page, FIRST)).toBeVisible({ timeout: 60_000 });
  await select(page, FIRST);
  await expect(instructions).toHaveValue('Two.');
  await expect(changed).toHaveText('2 changes · 1 undone');
  await expect(undo).toHaveAttribute('title', `Undo: Edit instructions of ${FIRST} (Ctrl+Z)`);

  await undo.click();
  await expect(instructions).toHaveValue('One.');
  await expect(changed).toHaveText('1 change · 2 undone');
  await redo.click();
  await expect(instructions).toHaveValue('Two.');
  await redo.click();
  await expect(instructions).toHaveValue('Three.');
  await expect(changed).toHaveText('3 changes');
  await expect(redo).toBeDisabled();
});

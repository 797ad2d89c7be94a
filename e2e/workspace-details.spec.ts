/**
 * The smaller promises of the workspace: an added demo looks like its siblings, an unchanged recipe
 * keeps the name a file came with, read-only fields look read-only, and the History drawer behaves
 * like one (takes the focus, gives it back, closes on Escape, leaves Export in reach).
 */
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { editorText, expect, pickFiles, test } from './fixtures';

test.beforeEach(async ({ page }) => {
  await page.goto('./');
});

const ID = 'answer';
/** A predictor whose signature has `context`, a field none of its saved demos stores. */
const program = {
  [ID]: {
    traces: [],
    train: [],
    demos: [
      { augmented: true, question: 'Who wrote Ubik?', answer: 'Philip K. Dick' },
      { question: 'Capital of Peru?', answer: 'Lima' },
    ],
    signature: {
      instructions: 'Answer briefly.',
      fields: [
        { prefix: 'Context:', description: '${context}' },
        { prefix: 'Question:', description: '${question}' },
        { prefix: 'Answer:', description: '${answer}' },
      ],
    },
    lm: null,
  },
  metadata: { dependency_versions: { python: '3.12', dspy: '3.0.3', cloudpickle: '3.1' } },
};
const bytes = Buffer.from(JSON.stringify(program, null, 2) + '\n');

test('an added demo gets the fields the module’s demos use, not a signature field none of them has', async ({ page }) => {
  await pickFiles(page, [{ name: 'rag.json', bytes, type: 'application/json' }]);
  await page.getByRole('treeitem', { name: /^answer,/ }).click();
  await page.getByRole('button', { name: 'Add demo' }).click();
  const added = page.getByRole('article', { name: 'Demo 3', exact: true });
  await expect(added).toBeVisible();
  await expect(added.locator('dt')).toHaveText(['question', 'answer']);
  await expect
    .poll(async () => (JSON.parse((await editorText(page, `modules/${ID}.json`)) ?? '{}') as { demos?: unknown[] }).demos?.[2])
    .toEqual({ question: '', answer: '' });
});

test('a zlib file named .json.gz is offered for export under its own name while its recipe is unchanged', async ({ page }) => {
  await pickFiles(page, [{ name: 'model.json.gz', bytes: deflateSync(bytes) }]);
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByLabel('File name')).toHaveValue('model.json.gz');
  // Another compression is another recipe: the name says so.
  await dialog.getByRole('combobox', { name: 'Compression' }).selectOption('gzip');
  await expect(dialog.getByLabel('File name')).toHaveValue('model.json.gz');
  await dialog.getByRole('combobox', { name: 'Compression' }).selectOption('none');
  await expect(dialog.getByLabel('File name')).toHaveValue('model.json');
});

test('read-only fields look read-only: no box to type in', async ({ page }) => {
  const look = async () =>
    page.getByRole('textbox', { name: 'Instructions' }).evaluate((el) => {
      const style = getComputedStyle(el);
      return { background: style.backgroundColor, border: style.borderTopColor, cursor: style.cursor };
    });
  await pickFiles(page, [{ name: 'editable.json', bytes, type: 'application/json' }]);
  await page.getByRole('treeitem', { name: /^answer,/ }).click();
  await expect(page.getByRole('textbox', { name: 'Instructions' })).toBeEditable();
  const editable = await look();

  // An envelope newer than the app opens read-only.
  const envelope = JSON.parse(readFileSync('fixtures/programs/envelope-1.1.0.json', 'utf8')) as Record<string, unknown>;
  await pickFiles(page, [{ name: 'future.json', bytes: Buffer.from(JSON.stringify({ ...envelope, version: '9.0.0' })), type: 'application/json' }]);
  await expect(page.getByTestId('readonly-banner')).toBeVisible();
  await page
    .getByRole('treeitem')
    .filter({ has: page.locator('.kind-predict') })
    .first()
    .click();
  await expect(page.getByRole('textbox', { name: 'Instructions' })).not.toBeEditable();
  const readOnly = await look();
  expect(readOnly.background).not.toBe(editable.background);
  expect(readOnly.border).toBe('rgba(0, 0, 0, 0)');
  expect(editable.border).not.toBe('rgba(0, 0, 0, 0)');
  expect(readOnly.cursor).toBe('default');
});

test('the History drawer takes the focus, closes on Escape giving it back, and leaves Export in reach', async ({ page }) => {
  await page.getByRole('button', { name: 'Open sample program' }).click();
  const historyButton = page.getByRole('button', { name: /^History/ });
  await historyButton.click();
  const panel = page.getByRole('complementary', { name: 'History' });
  await expect(panel).toBeVisible();
  await expect(panel).toBeFocused();

  // Export (and the rest of the program bar) is not under the drawer: a click there reaches it.
  const exportButton = page.getByRole('button', { name: 'Export…' });
  const [panelBox, exportBox] = [await panel.boundingBox(), await exportButton.boundingBox()];
  expect(panelBox!.y).toBeGreaterThanOrEqual(exportBox!.y + exportBox!.height);
  const hit = await exportButton.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2));
  });
  expect(hit).toBe(true);

  // Escape inside the drawer closes it and the focus goes back to the History button.
  await panel.getByRole('button', { name: 'Name version 1' }).focus();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(historyButton).toBeFocused();

  // Escape while naming a version leaves the name, not the drawer.
  await historyButton.click();
  await panel.getByRole('button', { name: 'Name version 1' }).click();
  await panel.getByRole('textbox', { name: 'Name of version 1' }).press('Escape');
  await expect(panel.getByRole('textbox', { name: 'Name of version 1' })).toHaveCount(0);
  await expect(panel).toBeVisible();
});

import { readFileSync } from 'node:fs';
import { editorText, expect, screenshotPath, test } from './fixtures';
import type { Page } from '@playwright/test';

const sample = JSON.parse(readFileSync(new URL('../public/samples/multihop-qa.json', import.meta.url), 'utf8'));

async function moduleJson(page: Page, moduleId: string): Promise<unknown> {
  const text = await editorText(page, `modules/${encodeURIComponent(moduleId)}.json`);
  return text === undefined ? undefined : JSON.parse(text);
}

function demoCard(page: Page, n: number) {
  return page.getByRole('article', { name: `Demo ${n}`, exact: true });
}

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Open sample program' }).click();
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();
});

test('edit a module by keyboard, forms and undo; the JSON view and the tree follow every step', async ({ page }) => {
  const id = 'generate_answer.predict';
  const original = sample[id];

  // Select the module with the keyboard: focus the tree, walk down to generate_answer → predict.
  await page.getByRole('treeitem').first().focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('treeitem', { name: /^generate_answer\.predict,/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: id })).toBeVisible();
  await expect.poll(() => moduleJson(page, id)).toEqual(original);

  // 1. Instructions.
  const instructions = 'Answer with a short factoid. Say "unknown" when the context is silent.';
  await page.getByRole('textbox', { name: 'Instructions' }).fill(instructions);
  await page.getByRole('textbox', { name: 'Instructions' }).press('Tab');
  await expect.poll(async () => ((await moduleJson(page, id)) as typeof original)?.signature.instructions).toBe(instructions);

  // 2. Fix demo 3's answer inline.
  await demoCard(page, 3)
    .getByRole('button', { name: /^answer: / })
    .click();
  const answer = demoCard(page, 3).getByRole('textbox', { name: 'Edit answer' });
  await answer.fill('Philip Kindred Dick');
  await answer.press('Control+Enter');
  await expect(demoCard(page, 3)).toContainText('Philip Kindred Dick');

  // 3. Delete two demos at once.
  await demoCard(page, 1).getByRole('checkbox').check();
  await demoCard(page, 2).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Delete 2 selected' }).click();
  await expect(page.getByRole('treeitem', { name: /^generate_answer\.predict,/ })).toHaveAccessibleName(/, 2 demos$/);

  // 4. Add one; 5. move it up with the keyboard.
  await page.getByRole('button', { name: 'Add demo' }).click();
  await expect(demoCard(page, 3)).toBeVisible();
  await demoCard(page, 3).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(demoCard(page, 2)).toContainText('(empty)');
  await page.screenshot({ path: screenshotPath('editor-after-edits') });

  // 6. Undo twice (the move, the add), redo once (the add).
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('treeitem', { name: /^generate_answer\.predict,/ })).toHaveAccessibleName(/, 2 demos$/);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.getByRole('treeitem', { name: /^generate_answer\.predict,/ })).toHaveAccessibleName(/, 3 demos$/);

  const [d0, d1, d2, d3] = original.demos;
  void d0;
  void d1;
  // The added demo takes the fields of the demos left (two labeled examples), not the signature's:
  // no `context` or `reasoning` that neither of them has, and `gold_titles` as the same kind of empty.
  const added = { question: '', answer: '', gold_titles: [] };
  const expected = { ...original, signature: { ...original.signature, instructions }, demos: [{ ...d2, answer: 'Philip Kindred Dick' }, d3, added] };
  await expect.poll(() => moduleJson(page, id)).toEqual(expected);
  await expect(page.getByTestId('changed')).toBeVisible();
});

test('invalid JSON typed in the module view is marked and changes nothing until it is valid', async ({ page }) => {
  const id = 'summarize';
  await page.getByRole('treeitem', { name: /^summarize,/ }).click();
  await expect.poll(() => moduleJson(page, id)).toEqual(sample[id]);

  // Break the JSON: the status line says where, and the form still shows the saved instructions.
  await page.evaluate((uriPart) => {
    const monaco = (
      window as unknown as { __monaco: { editor: { getModels(): Array<{ uri: { toString(): string }; getValue(): string; setValue(v: string): void }> } } }
    ).__monaco;
    const model = monaco.editor.getModels().find((m) => m.uri.toString().includes(uriPart))!;
    model.setValue(model.getValue().replace('"Summarize the passage in one sentence."', '"Summarize in one line.",'));
  }, 'modules/summarize.json');
  await expect(page.getByTestId('json-status')).toContainText(/Line \d+, column \d+: .* not applied/);
  await expect
    .poll(() =>
      page.evaluate(
        () => (window as unknown as { __monaco: { editor: { getModelMarkers(f: object): unknown[] } } }).__monaco.editor.getModelMarkers({}).length,
      ),
    )
    .toBeGreaterThan(0);
  await expect(page.getByRole('textbox', { name: 'Instructions' })).toHaveValue('Summarize the passage in one sentence.');
  await page.screenshot({ path: screenshotPath('editor-invalid-json') });

  // A schema error (demos must be a list) is refused too.
  await page.evaluate((uriPart) => {
    const monaco = (
      window as unknown as { __monaco: { editor: { getModels(): Array<{ uri: { toString(): string }; getValue(): string; setValue(v: string): void }> } } }
    ).__monaco;
    const model = monaco.editor.getModels().find((m) => m.uri.toString().includes(uriPart))!;
    const value = JSON.parse(model.getValue().replace(',,', ','));
    model.setValue(JSON.stringify({ ...value, demos: 'none' }, null, 2));
  }, 'modules/summarize.json');
  await expect(page.getByTestId('json-status')).toContainText(/not applied/);
  await expect(page.getByRole('textbox', { name: 'Instructions' })).toHaveValue('Summarize the passage in one sentence.');

  // Valid text is applied, and the form follows.
  await page.evaluate((uriPart) => {
    const monaco = (
      window as unknown as { __monaco: { editor: { getModels(): Array<{ uri: { toString(): string }; getValue(): string; setValue(v: string): void }> } } }
    ).__monaco;
    const model = monaco.editor.getModels().find((m) => m.uri.toString().includes(uriPart))!;
    const value = JSON.parse(model.getValue());
    model.setValue(JSON.stringify({ ...value, demos: [] }, null, 2));
  }, 'modules/summarize.json');
  await expect(page.getByTestId('json-status')).toContainText('Applied');
  await expect(page.getByRole('textbox', { name: 'Instructions' })).toHaveValue('Summarize in one line.');
  await expect(page.getByRole('treeitem', { name: /^summarize,/ })).toHaveAccessibleName(/, 0 demos$/);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the workspace reads well in ${scheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.getByRole('treeitem', { name: /^generate_answer\.predict,/ }).click();
    await expect(page.getByRole('heading', { name: 'generate_answer.predict' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await page.screenshot({ path: screenshotPath(`workspace-${scheme}`) });
  });
}

test('text that reaches the module view before its editor has mounted is checked like typed text', async ({ page }) => {
  // The editor component attaches its change listener a render after Monaco creates the model: text set
  // in between (here, the moment the model exists) must not be taken for the model's own text.
  await expect.poll(() => page.evaluate(() => 'editor' in ((window as unknown as { __monaco?: object }).__monaco ?? {}))).toBe(true);
  await page.evaluate(() => {
    type Model = { uri: { toString(): string }; getValue(): string; setValue(v: string): void };
    const monaco = (window as unknown as { __monaco: { editor: { onDidCreateModel(f: (m: Model) => void): void } } }).__monaco;
    monaco.editor.onDidCreateModel((model) => {
      if (model.uri.toString().includes('modules/summarize.json'))
        model.setValue(model.getValue().replace('"Summarize the passage in one sentence."', '"Early",'));
    });
  });
  await page.getByRole('treeitem', { name: /^summarize,/ }).click();
  await expect(page.getByTestId('json-status')).toContainText(/Line \d+, column \d+: .* not applied/);
  await expect(page.getByRole('textbox', { name: 'Instructions' })).toHaveValue('Summarize the passage in one sentence.');
});

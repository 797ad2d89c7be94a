/**
 * What a dropped DSPy file is, as a person sees it: the module tree (ARIA tree), the era and DSPy
 * version, and for a selected module its instructions, fields (with inferred names) and demo count.
 * Runs on DSPy's own backward-compatibility fixture from the real-world corpus when it is there, and
 * always on the project's own era B fixture.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect, pickFiles, test } from './fixtures';

const REAL = new URL('../../shared/fixtures/dspy-real/stanfordnlp__dspy__tests_primitives_resources_saved_program.json', import.meta.url);

test.beforeEach(async ({ page }) => {
  await page.goto('./');
});

test("a real ReAct program: nested module tree, era and version, a module's instructions, fields and demos", async ({ page }) => {
  if (!existsSync(REAL)) {
    console.warn(`[program.spec] ${REAL.pathname} is missing: the real-corpus journey checks our own fixture only.`);
  }
  const bytes = existsSync(REAL) ? readFileSync(REAL) : readFileSync(new URL('../fixtures/programs/dspy-era-f.json', import.meta.url));
  const name = existsSync(REAL) ? 'saved_program.json' : 'dspy-era-f.json';
  await pickFiles(page, [{ name, bytes, type: 'application/json' }]);
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();
  await expect(page.getByTestId('era')).toHaveText(/^era F: DSPy 2\.6\.9/);
  if (!existsSync(REAL)) return;

  await expect(page.getByText('DSPy 3.0.0', { exact: true })).toBeVisible();
  // "extract.predict" is a real branch: extract → predict.
  await expect(page.getByRole('treeitem', { name: 'extract', exact: true })).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('treeitem', { name: /^extract\.predict, predict, 2 demos$/ }).click();
  await expect(page.getByRole('heading', { name: 'extract.predict' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Instructions' })).toHaveValue('Given the very verbose fields `question`, produce the fields `answer`.');
  const fields = page.getByRole('table', { name: 'Fields' });
  await expect(fields.locator('tbody tr td:first-child')).toHaveText(['question', 'trajectory', 'reasoning', 'answer']);
  await expect(fields.locator('.role')).toHaveText(['input', 'input', 'output', 'output']);
  await expect(page.getByRole('region', { name: 'Demos' }).getByRole('heading')).toHaveText('Demos 2');
  await expect(page.getByRole('article', { name: /^Demo \d$/ })).toHaveCount(2);
});

test('an era B program (DSPy 2.4–2.5): era, inferred version and its one-string signature', async ({ page }) => {
  await pickFiles(page, [
    { name: 'old.json', bytes: readFileSync(new URL('../fixtures/programs/dspy-era-b.json', import.meta.url)), type: 'application/json' },
  ]);
  await expect(page.getByTestId('era')).toHaveText(/^era B/);
  await expect(page.getByText(/^DSPy 2\.4\.3 – 2\.5\.5 \(inferred\)$/)).toBeVisible();
  await page.getByRole('treeitem', { name: /^generate_answer,/ }).click();
  await expect(page.getByRole('textbox', { name: 'Instructions' })).not.toHaveValue('');
});

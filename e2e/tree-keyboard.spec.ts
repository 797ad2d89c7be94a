import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

// The sample's tree: retrieve, generate_query › [0] › predict, [1] › predict, generate_answer › predict, summarize.
function row(page: Page, name: RegExp) {
  return page.getByRole('treeitem', { name });
}

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Open sample program' }).click();
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();
});

test('the module tree follows the ARIA tree pattern: group rows take the focus, Left/Right, *, type-ahead', async ({ page }) => {
  await page.getByRole('treeitem').first().focus();
  await page.keyboard.press('Home');

  // Down onto a group row: the real focus and the one tab stop move with it.
  await page.keyboard.press('ArrowDown');
  const group = row(page, /^generate_query$/);
  await expect(group).toBeFocused();
  await expect(group).toHaveAttribute('tabindex', '0');
  await expect(page.locator('[role="treeitem"][tabindex="0"]')).toHaveCount(1);

  // Left closes it, Left again stays (a top-level row has no parent), Right opens it, Right enters it.
  await page.keyboard.press('ArrowLeft');
  await expect(group).toHaveAttribute('aria-expanded', 'false');
  await expect(row(page, /^generate_query\[0\]\.predict,/)).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(group).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(row(page, /^\[0\]$/)).toBeFocused();
  // Left on an open child closes it; Left again moves to its parent.
  await page.keyboard.press('ArrowLeft');
  await expect(row(page, /^\[0\]$/)).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowLeft');
  await expect(group).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(row(page, /^\[0\]$/)).toHaveAttribute('aria-expanded', 'true');

  // Keys pressed back to back each act on the row the previous one focused.
  await page.keyboard.press('Home');
  for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
  await expect(row(page, /^generate_answer\.predict,/)).toBeFocused();

  // Type-ahead: "su" goes to summarize; a repeated letter cycles through the rows starting with it.
  await page.keyboard.type('su');
  await expect(row(page, /^summarize,/)).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('g');
  await expect(group).toBeFocused();
  await page.keyboard.press('g');
  await expect(row(page, /^generate_answer$/)).toBeFocused();

  // * opens every closed sibling of the focused row, and nothing else.
  await page.keyboard.press('ArrowLeft'); // closes generate_answer
  await page.keyboard.press('ArrowUp'); // [1] › predict
  await page.keyboard.press('ArrowLeft'); // to its parent [1]
  await page.keyboard.press('ArrowLeft'); // closes [1]
  await page.keyboard.press('ArrowUp'); // [0] › predict
  await page.keyboard.press('ArrowLeft'); // to [0]
  await page.keyboard.press('ArrowLeft'); // closes [0]
  await expect(row(page, /^\[0\]$/)).toBeFocused();
  await expect(row(page, /^\[0\]$/)).toHaveAttribute('aria-expanded', 'false');
  await expect(row(page, /^\[1\]$/)).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('*');
  await expect(row(page, /^\[0\]$/)).toHaveAttribute('aria-expanded', 'true');
  await expect(row(page, /^\[1\]$/)).toHaveAttribute('aria-expanded', 'true');
  await expect(row(page, /^generate_answer$/)).toHaveAttribute('aria-expanded', 'false');

  // Enter on a module selects it.
  await row(page, /^summarize,/).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'summarize' })).toBeVisible();
  await expect(row(page, /^summarize,/)).toHaveAttribute('aria-selected', 'true');
});

test('Alt+arrows reorder a demo from its checkbox too, and the focus follows the moved demo', async ({ page }) => {
  await row(page, /^generate_answer\.predict,/).click();
  const first = page.getByRole('article', { name: 'Demo 1', exact: true });
  const firstText = (await first.locator('.demo-fields').textContent()) ?? '';
  await first.getByRole('checkbox').focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByRole('article', { name: 'Demo 2', exact: true }).locator('.demo-fields')).toHaveText(firstText);
  await expect(page.getByRole('article', { name: 'Demo 2', exact: true })).toBeFocused();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(first.locator('.demo-fields')).toHaveText(firstText);
});

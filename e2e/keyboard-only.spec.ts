/**
 * A whole journey without the mouse: open the sample, walk the tree, edit a demo, undo, export.
 * Every step moves the focus with Tab or the keys the app documents, and checks where it landed.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Presses Tab until `target` has the focus; fails, naming the last focused element, if it never does. */
async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing');
  throw new Error(`Tab never reached ${target.toString()} (the focus is on ${at})`);
}

test('open the sample, walk the tree, edit a demo, undo and export, with the keyboard alone', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Drop a program file anywhere' })).toBeVisible();

  // Open the sample.
  await tabTo(page, page.getByRole('button', { name: 'Open sample program' }));
  await page.keyboard.press('Enter');
  const tree = page.getByRole('tree', { name: 'Module tree' });
  await expect(tree).toBeVisible();

  // Into the tree (its one tab stop), down to generate_answer › predict, and select it.
  await tabTo(page, page.locator('[role="treeitem"][tabindex="0"]'));
  await page.keyboard.press('Home');
  await page.keyboard.press('End');
  await expect(page.getByRole('treeitem', { name: /^summarize,/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('treeitem', { name: /^generate_answer\.predict,/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'generate_answer.predict' })).toBeVisible();

  // Edit demo 1's answer: Tab to its value, Enter opens the editor, Ctrl+Enter commits.
  const card = page.getByRole('article', { name: 'Demo 1', exact: true });
  await tabTo(page, card.getByRole('button', { name: /^answer: / }));
  await page.keyboard.press('Enter');
  const editor = card.getByRole('textbox', { name: 'Edit answer' });
  await expect(editor).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('A. G. Eiffel');
  await page.keyboard.press('Control+Enter');
  await expect(card).toContainText('A. G. Eiffel');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();

  // Undo from the keyboard, outside any text box.
  await card.focus();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(card).toContainText('Gustave Eiffel');
  await expect(card).not.toContainText('A. G. Eiffel');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(card).toContainText('A. G. Eiffel');

  // Export: the dialog takes the focus, its Download button is reachable, Escape closes it.
  await tabTo(page, page.getByRole('button', { name: 'Export…' }));
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect.poll(() => dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  const download = page.waitForEvent('download');
  await tabTo(page, dialog.getByRole('button', { name: 'Download' }));
  await page.keyboard.press('Enter');
  const file = await download;
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  const exported = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, { demos: Array<{ answer?: string }> }>;
  expect(exported['generate_answer.predict']?.demos[0]?.answer).toBe('A. G. Eiffel');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export…' })).toBeFocused();
});

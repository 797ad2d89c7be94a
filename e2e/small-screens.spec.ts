/**
 * Small windows: at 800×600, 390×844 and 360×640 the page never scrolls sideways, nothing is cut off
 * at the window's edge, and every pane (module tree, demos, the JSON editor) can be reached: the tree
 * from its drawer, the editor beside the module or, on a phone-sized window, from its tab.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, screenshotPath, test } from './fixtures';

const SIZES = [
  { width: 800, height: 600, narrow: false },
  { width: 390, height: 844, narrow: true },
  { width: 360, height: 640, narrow: true },
];

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, 'the page is no wider than the window').toBeLessThanOrEqual(innerWidth);
}

/** Wholly inside the window, left to right (what is below the fold can be scrolled to). */
async function expectInsideWidth(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const width = page.viewportSize()!.width;
  expect(box, `${locator} is laid out`).not.toBeNull();
  expect(box!.x, `${locator} starts inside the window`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${locator} ends inside the window`).toBeLessThanOrEqual(width + 0.5);
}

for (const size of SIZES) {
  test(`${size.width}×${size.height}: no sideways scroll, every pane reachable`, async ({ page }) => {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.goto('./');
    await expect(page.getByRole('button', { name: 'Open sample program' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    for (const name of ['Open file…', 'Sample', 'Share', 'About'])
      await expectInsideWidth(page, page.locator('.header-actions').getByRole('button', { name, exact: true }));
    await expectInsideWidth(page, page.getByRole('combobox', { name: 'Theme' }));
    await page.screenshot({ path: screenshotPath(`small-start-${size.width}x${size.height}`) });

    await page.getByRole('button', { name: 'Open sample program' }).click();
    await expect(page.getByRole('region', { name: 'Demos' })).toBeVisible();
    await expectNoSidewaysScroll(page);
    for (const name of ['Compare…', 'Export…', 'Undo', 'Redo', /^History/])
      await expectInsideWidth(page, page.locator('.program-bar').getByRole('button', { name }));
    // The status bar keeps to one line: the digest is cut short, not wrapped.
    const status = page.locator('.status-bar');
    expect((await status.boundingBox())!.height).toBeLessThanOrEqual(28);
    await expectInsideWidth(page, status.getByRole('button', { name: 'Copy SHA-256' }));
    await page.screenshot({ path: screenshotPath(`small-workspace-${size.width}x${size.height}`) });

    // The tree: a drawer that takes the focus, closes on Escape and on choosing a module.
    const drawerToggle = page.getByRole('button', { name: 'Modules', exact: true });
    await drawerToggle.click();
    await expect(drawerToggle).toHaveAttribute('aria-expanded', 'true');
    const tree = page.getByRole('tree', { name: 'Module tree' });
    await expect(tree).toBeVisible();
    await expectInsideWidth(page, tree);
    await expect(tree.getByRole('treeitem').and(page.locator(':focus'))).toHaveCount(1);
    await page.screenshot({ path: screenshotPath(`small-drawer-${size.width}x${size.height}`) });
    await page.keyboard.press('Escape');
    await expect(tree).toBeHidden();
    await expect(drawerToggle).toBeFocused();
    await drawerToggle.click();
    await tree.getByRole('treeitem', { name: /^summarize,/ }).click();
    await expect(tree).toBeHidden();
    await expect(page.getByRole('heading', { name: 'summarize' })).toBeVisible();

    // The demos: in the module's column, scrolled to, inside the window.
    const demo = page.getByRole('article', { name: 'Demo 1' });
    await demo.scrollIntoViewIfNeeded();
    await expect(demo).toBeVisible();
    await expectInsideWidth(page, demo);
    await expectInsideWidth(page, page.getByRole('button', { name: 'Add demo' }));

    // The editor: beside the module, or behind its tab on a narrow window; its own tabs all in view.
    if (size.narrow) {
      await page.getByRole('tab', { name: 'JSON', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'summarize' })).toBeHidden();
    }
    const editor = page.locator('.json-pane .monaco-editor').first();
    await expect(editor).toBeVisible();
    await expectInsideWidth(page, editor);
    for (const name of ['Module JSON', 'Changes', 'Whole file', 'Prompt'])
      await expectInsideWidth(page, page.getByRole('tablist', { name: 'JSON views' }).getByRole('tab', { name }));
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: screenshotPath(`small-editor-${size.width}x${size.height}`) });
    if (size.narrow) {
      await page.getByRole('tab', { name: 'Module', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'summarize' })).toBeVisible();
    }
  });
}

test('a wide window keeps the three panes side by side; narrowing it keeps what the panes hold', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await page.getByRole('button', { name: 'Open sample program' }).click();
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Modules', exact: true })).toHaveCount(0);
  await expect(page.locator('.json-pane .monaco-editor').first()).toBeVisible();

  // A chosen JSON view and a folded tree branch survive the window narrowing and widening again.
  const views = page.getByRole('tablist', { name: 'JSON views' });
  await views.getByRole('tab', { name: 'Whole file' }).click();
  await page.getByRole('treeitem', { name: 'generate_answer', exact: true }).click();
  await expect(page.getByRole('treeitem', { name: 'generate_answer', exact: true })).toHaveAttribute('aria-expanded', 'false');
  await page.setViewportSize({ width: 800, height: 600 });
  await expect(page.getByRole('button', { name: 'Modules', exact: true })).toBeVisible();
  await expect(views.getByRole('tab', { name: 'Whole file' })).toHaveAttribute('aria-selected', 'true');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('tab', { name: 'JSON', exact: true }).click();
  await expect(views.getByRole('tab', { name: 'Whole file' })).toHaveAttribute('aria-selected', 'true');
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole('treeitem', { name: 'generate_answer', exact: true })).toHaveAttribute('aria-expanded', 'false');
  await expect(views.getByRole('tab', { name: 'Whole file' })).toHaveAttribute('aria-selected', 'true');
});

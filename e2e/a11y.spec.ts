/**
 * Accessibility: axe (WCAG 2.0/2.1 A and AA rules) finds no serious or critical violation on the
 * start page, the workspace with the sample open, each dialog (export, migrate, compare, key, about,
 * the History drawer) and the pickle report, in the light and the dark theme.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, pickFiles, screenshotPath, test } from './fixtures';

const fixture = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url));

async function openSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Open sample program' }).click();
  // The first open starts the document worker, slow on a machine busy with other builds: a wider wait.
  await expect(page.getByRole('region', { name: 'Demos' })).toBeVisible({ timeout: 45_000 });
  await expect(page.locator('.json-pane .monaco-editor').first()).toBeVisible();
}

/** Each surface: how to bring it up, and the CSS selector of what to check (a dialog on its own; else the page). */
const SURFACES: Array<{ name: string; show(page: Page): Promise<string | undefined> }> = [
  {
    name: 'start page',
    show: async (page) => {
      await expect(page.getByRole('button', { name: 'Open sample program' })).toBeVisible();
      return undefined;
    },
  },
  {
    name: 'workspace with the sample',
    show: async (page) => {
      await openSample(page);
      return undefined;
    },
  },
  {
    name: 'workspace on a phone-sized window, tree drawer open',
    show: async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.getByRole('button', { name: 'Open sample program' }).click();
      await expect(page.getByRole('region', { name: 'Demos' })).toBeVisible();
      await page.getByRole('button', { name: 'Modules', exact: true }).click();
      await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();
      return undefined;
    },
  },
  {
    name: 'export dialog',
    show: async (page) => {
      await openSample(page);
      await page.getByRole('button', { name: 'Export…' }).click();
      const dialog = page.getByTestId('export-dialog');
      await expect(dialog.getByLabel('File name')).toHaveValue('multihop-qa.json');
      return '[data-testid="export-dialog"]';
    },
  },
  {
    name: 'migrate dialog',
    show: async (page) => {
      await pickFiles(page, [{ name: 'old-program.json', bytes: fixture('fixtures/programs/dspy-era-b.json'), type: 'application/json' }]);
      await page.getByTestId('migrate-open').click();
      const dialog = page.getByTestId('migrate-dialog');
      await expect(dialog.locator('.monaco-diff-editor')).toBeVisible();
      return '[data-testid="migrate-dialog"]';
    },
  },
  {
    name: 'compare dialog',
    show: async (page) => {
      await openSample(page);
      await page.getByRole('button', { name: 'Compare…' }).click();
      await expect(page.getByRole('dialog', { name: 'Compare programs' })).toBeVisible();
      return '.compare-panel';
    },
  },
  {
    name: 'key dialog',
    show: async (page) => {
      await pickFiles(page, [{ name: 'program.json.enc', bytes: fixture('fixtures/crypto/program.json.enc') }]);
      const dialog = page.getByTestId('key-prompt');
      await expect(dialog.getByLabel('Key', { exact: true })).toBeFocused();
      return '[data-testid="key-prompt"]';
    },
  },
  {
    name: 'about dialog',
    show: async (page) => {
      await page.getByRole('button', { name: 'About' }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      return '.about-dialog';
    },
  },
  {
    name: 'history drawer',
    show: async (page) => {
      await openSample(page);
      await page.getByRole('button', { name: /^History/ }).click();
      const panel = page.getByRole('complementary', { name: 'History' });
      await expect(panel.getByRole('list', { name: 'Versions' })).toBeVisible();
      return '#history-panel';
    },
  },
  {
    name: 'pickle report',
    show: async (page) => {
      await pickFiles(page, [{ name: 'payload.pkl', bytes: fixture('fixtures/pickle/malicious-os-system-p2.pkl') }]);
      // A dangerous file's report is an alert, open, with its calls and globals listed.
      await expect(page.getByRole('alert', { name: 'Safety report for payload.pkl' })).toBeVisible();
      return undefined;
    },
  },
];

// Each surface is shown once and checked in both themes (the theme follows the system's, switched live).
for (const surface of SURFACES) {
  test(`${surface.name}: no serious or critical axe violation, light and dark`, async ({ page }) => {
    test.slow();
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.goto('./');
    const scope = await surface.show(page);
    const harmful: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      let axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
      if (scope) axe = axe.include(scope);
      const { violations } = await axe.analyze();
      harmful.push(
        ...violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map(
            (v) =>
              `${theme}: ${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `  ${n.target.join(' ')}  ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`).join('\n')}`,
          ),
      );
      await page.screenshot({ path: screenshotPath(`a11y-${surface.name.replaceAll(' ', '-')}-${theme}`) });
    }
    expect(harmful, 'serious or critical accessibility violations').toEqual([]);
  });
}

/**
 * Secrets and the history: a history export that would carry an api key in clear asks first and can
 * leave it out; with "Keep history without secrets" the original is stored redacted, the panel says
 * so, and its export carries no key without asking.
 */
import { readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { expect, pickFiles, test } from './fixtures';

const KEY = 'sk-proj-EXAMPLEEXAMPLEEXAMPLE';
const file = readFileSync('fixtures/programs/dspy-lm-api-key.json');

async function textOf(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function openPanel(page: Page) {
  const panel = page.getByRole('complementary', { name: 'History' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^History/ }).click();
  return panel;
}

test('a history export that holds an api key warns first and can leave it out', async ({ page }) => {
  await page.goto('./');
  await pickFiles(page, [{ name: 'lm.json', bytes: file }]);
  const panel = await openPanel(page);
  await expect(panel.getByTestId('history-original-secrets')).toHaveText('The stored original of lm.json holds 1 secret in clear.');

  await panel.getByRole('button', { name: 'Export history' }).click();
  const warning = panel.getByRole('alertdialog', { name: 'History export holds secrets' });
  await expect(warning).toContainText('1 secret in clear (api_key)');
  const [download] = await Promise.all([page.waitForEvent('download'), warning.getByRole('button', { name: 'Export without secrets' }).click()]);
  const text = await textOf(download);
  expect(text).not.toContain(KEY);
  expect(JSON.parse(text).document).toMatchObject({ secrets: 0, redacted: 1 });
});

test('with "Keep history without secrets", the original is stored redacted and its export needs no warning', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Open sample program' }).click();
  const panel = await openPanel(page);
  await panel.getByRole('checkbox', { name: 'Keep history without secrets' }).check();
  await expect(panel).toContainText('replaced by "[REDACTED]"');
  await pickFiles(page, [{ name: 'lm.json', bytes: file }]);
  await expect(panel.getByTestId('history-original-secrets')).toHaveText('lm.json is stored without its 1 secret.');

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export history' }).click()]);
  await expect(panel.getByRole('alertdialog')).toHaveCount(0);
  const text = await textOf(download);
  expect(text).not.toContain(KEY);
  const original = Buffer.from(JSON.parse(text).original as string, 'base64').toString('utf8');
  expect(JSON.parse(original).predict.lm.api_key).toBe('[REDACTED]');
});

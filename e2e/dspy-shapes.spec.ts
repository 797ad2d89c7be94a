/**
 * Files DSPy users really have: a whole-program folder (metadata.json + program.pkl) opens as the
 * program recovered from its pickle and saves as state JSON; images in demos show as thumbnails,
 * one is replaced by picking an image, and the exported file carries the new image in the same form.
 */
import { readFileSync } from 'node:fs';
import type { Download } from '@playwright/test';
import { dropFiles, expect, shootBothSchemes, test } from './fixtures';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../fixtures/dspy-shapes/${name}`, import.meta.url)));
const text = (name: string): string => new TextDecoder().decode(fixture(name));

async function bytesOf(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const shoot = shootBothSchemes;

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1360, height: 900 });
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Drop a program file anywhere' })).toBeVisible();
});

test('a whole-program folder opens as its recovered program: tree, demos, code flags, and Save as DSPy state JSON', async ({ page }) => {
  await dropFiles(page, [
    { name: 'metadata.json', bytes: fixture('whole-program-by-value/metadata.json'), type: 'application/json' },
    { name: 'program.pkl', bytes: fixture('whole-program-by-value/program.pkl') },
  ]);
  // The worker reads both files and recovers the program: allow a loaded machine its time.
  await expect(page.locator('.program-format')).toHaveText('DSPy whole program (program.pkl), recovered', { timeout: 60_000 });
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();
  await expect(page.getByRole('alert', { name: 'Safety report for program.pkl' })).toBeVisible();
  await expect(page.getByLabel('Notes about this file')).toContainText('function __main__.RAG.forward (rag_app/program.py, line 10)');
  await page.getByRole('treeitem', { name: /^generate_answer\.predict, predict, 2 demos$/ }).click();
  const panel = page.getByRole('region', { name: 'Module generate_answer.predict' });
  await expect(panel.getByText('dspy.predict.predict.Predict')).toBeVisible();
  await expect(panel.getByRole('article', { name: 'Demo 1' })).toContainText('The context says it was completed in 1889.');
  await expect(panel.getByRole('article', { name: 'Demo 2' })).toContainText('split: train');
  await shoot(page, 'dspy-whole-program');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as DSPy state JSON' }).click()]);
  expect(download.suggestedFilename()).toBe('program.json');
  const saved = JSON.parse((await bytesOf(download)).toString('utf8')) as unknown;
  expect(saved).toEqual(JSON.parse(text('whole-program-by-value.state.json')));
});

test('images in demos show as thumbnails; one is replaced and the export carries it in the same form', async ({ page }) => {
  await dropFiles(page, [{ name: 'typed-demos.json', bytes: fixture('typed-demos.json'), type: 'application/json' }]);
  await page.getByRole('treeitem', { name: /^describe, predict, 2 demos$/ }).click();
  const panel = page.getByRole('region', { name: 'Module describe' });
  const first = panel.getByRole('article', { name: 'Demo 1' });
  const second = panel.getByRole('article', { name: 'Demo 2' });
  await expect(first.getByRole('img', { name: 'image: image/png' })).toBeVisible();
  await expect(second.getByRole('img', { name: 'image: image/png' })).toBeVisible();
  await expect(first.locator('figcaption')).toContainText('48×32');
  await expect(first.getByText('dspy.History · 1 message')).toBeVisible();
  await expect(first).not.toContainText('base64');
  await shoot(page, 'dspy-image-demos');

  await first.getByLabel('Replace image image').setInputFiles({ name: 'green.png', mimeType: 'image/png', buffer: Buffer.from(fixture('replacement.png')) });
  await expect(first.locator('figcaption')).toContainText('24×24');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();

  await page.keyboard.press('Control+s');
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByRole('heading', { name: 'Export program' })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
  const exported = JSON.parse((await bytesOf(download)).toString('utf8')) as { describe: { demos: Array<{ image: unknown }> } };
  const green = `data:image/png;base64,${Buffer.from(fixture('replacement.png')).toString('base64')}`;
  expect(exported.describe.demos[0]?.image).toBe(
    `<<CUSTOM-TYPE-START-IDENTIFIER>>[{"type": "image_url", "image_url": {"url": "${green}"}}]<<CUSTOM-TYPE-END-IDENTIFIER>>`,
  );
  const original = JSON.parse(text('typed-demos.json')) as { describe: { demos: Array<{ image: unknown }> } };
  expect(exported.describe.demos[1]?.image).toEqual(original.describe.demos[1]?.image);
});

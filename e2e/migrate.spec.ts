/**
 * Migrations as a person meets them: an old DSPy file opens with a banner, the dialog shows the plan
 * and the whole program before/after, Apply is one undoable step (Undo button and Ctrl+Z), and it
 * applies again; too-new envelopes open read-only, older majors offer "try anyway".
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { loadErrors } from '../src/core/program/formats/dspy/migrations/loader-check';
import { editorText, expect, pickFiles, screenshotPath, test } from './fixtures';

const eraB = readFileSync(new URL('../fixtures/programs/dspy-era-b.json', import.meta.url));
const envelope = JSON.parse(readFileSync(new URL('../fixtures/programs/envelope-1.1.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Drop a program file anywhere' })).toBeVisible();
});

async function expectEraB(page: Page) {
  await expect(page.getByTestId('era')).toHaveText(/^era B/);
  await expect(page.getByRole('treeitem', { name: /^generate_answer, predict, 2 demos/ })).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /^generate_answer\.predict/ })).toHaveCount(0);
  await expect(page.getByTestId('migrate-banner')).toContainText('DSPy 2.5.6+ cannot load this file');
}

async function expectEraF(page: Page) {
  await expect(page.getByTestId('era')).toHaveText(/^era F/);
  await expect(page.getByRole('treeitem', { name: /^generate_answer\.predict, predict, 2 demos/ })).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /^generate_answer, predict/ })).toHaveCount(0);
  await expect(page.getByTestId('migrate-banner')).toHaveCount(0);
}

async function applyFromDialog(page: Page) {
  await page.getByTestId('migrate-open').click();
  const dialog = page.getByTestId('migrate-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('migrate-apply')).toBeEnabled();
  await dialog.getByTestId('migrate-apply').click();
  await expect(dialog).toBeHidden();
}

test('an era B file: banner, plan and diff preview, apply, undo, apply again, redo', async ({ page }) => {
  await pickFiles(page, [{ name: 'old-program.json', bytes: eraB, type: 'application/json' }]);
  await expectEraB(page);
  await expect(page.getByTestId('migrate-banner')).toContainText('Saved with DSPy 2.4.3 – 2.5.5 (era B)');
  await page.screenshot({ path: screenshotPath('migrate-banner') });

  await page.getByTestId('migrate-open').click();
  const dialog = page.getByTestId('migrate-dialog');
  await expect(dialog.getByTestId('migrate-target')).toHaveValue('3.x');
  await expect(dialog.getByTestId('migrate-step')).toHaveCount(4);
  await expect(dialog.getByTestId('migrate-step').first()).toContainText('use_legacy_loading');
  await expect(dialog.getByTestId('migrate-step').first()).toContainText('please confirm them');
  await expect(dialog.getByTestId('migrate-preview')).toBeVisible();
  await expect.poll(async () => (await editorText(page, 'migration/after.json')) ?? '').toContain('"generate_answer.predict"');
  await expect.poll(async () => (await editorText(page, 'migration/before.json')) ?? '').toContain('"signature_instructions"');
  await expect(dialog.locator('.monaco-diff-editor')).toBeVisible();
  await page.screenshot({ path: screenshotPath('migrate-dialog') });

  // Another target changes the plan and the preview.
  await dialog.getByTestId('migrate-target').selectOption('2.5.x');
  await expect.poll(async () => (await editorText(page, 'migration/after.json')) ?? '').toContain('"2.5.43"');
  await expect(dialog.getByTestId('migrate-step')).toHaveCount(2);
  await dialog.getByTestId('migrate-target').selectOption('3.x');
  await expect.poll(async () => (await editorText(page, 'migration/after.json')) ?? '').toContain('"3.3.1"');
  await dialog.getByTestId('migrate-apply').click();
  await expect(dialog).toBeHidden();
  await expectEraF(page);
  await page.screenshot({ path: screenshotPath('migrate-applied') });

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expectEraB(page);

  await applyFromDialog(page);
  await expectEraF(page);

  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expectEraB(page);
  await page.keyboard.press('Control+Shift+z');
  await expectEraF(page);

  // The document now holds the migrated program: the whole-file view shows what would be written.
  await page.getByRole('treeitem', { name: /^generate_answer\.predict/ }).click();
  await page.getByRole('tab', { name: 'Whole file' }).click();
  await expect.poll(async () => (await editorText(page, 'file/old-program.json')) ?? '').toContain('"dspy": "3.3.1"');
  const text = (await editorText(page, 'file/old-program.json')) ?? '';
  expect(text).not.toContain('signature_instructions');

  // Export: the downloaded file is what DSPy 3.x loads (its load rules, mirrored in core, find nothing).
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+s');
  const exportDialog = page.getByTestId('export-dialog');
  const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: 'Download' }).click()]);
  const path = await download.path();
  const exported = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  expect(loadErrors(exported, '3.3.1')).toEqual([]);
  expect(loadErrors(JSON.parse(eraB.toString('utf8')), '3.3.1')).not.toEqual([]);
  expect(Object.keys(exported)).toContain('generate_answer.predict');
});

test('the dialog in dark mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await pickFiles(page, [{ name: 'old-program.json', bytes: eraB, type: 'application/json' }]);
  await expect(page.getByTestId('migrate-banner')).toBeVisible();
  await page.screenshot({ path: screenshotPath('migrate-banner-dark') });
  await page.getByTestId('migrate-open').click();
  await expect.poll(async () => (await editorText(page, 'migration/after.json')) ?? '').toContain('"3.3.1"');
  await expect(page.getByTestId('migrate-dialog').locator('.monaco-diff-editor')).toBeVisible();
  await page.screenshot({ path: screenshotPath('migrate-dialog-dark') });
});

test('an envelope newer than the app opens read-only and refuses edits', async ({ page }) => {
  const bytes = Buffer.from(JSON.stringify({ ...envelope, version: '9.0.0' }, null, 2));
  await pickFiles(page, [{ name: 'future.json', bytes, type: 'application/json' }]);
  await expect(page.getByTestId('readonly-banner')).toContainText('9.0.0, newer than 1.1.0');
  await expect(page.getByTestId('migrate-banner')).toHaveCount(0);
  // The forms and the JSON view offer no edit, and the worker would refuse one anyway (unit-tested).
  await expect(page.getByRole('textbox', { name: 'Instructions' })).not.toBeEditable();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await expect(page.getByTestId('json-status')).toHaveText('Read-only');
  await expect(page.getByTestId('changed')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('migrate-readonly') });
});

test('an envelope of an older major names both versions and migrates only when asked to try anyway', async ({ page }) => {
  const bytes = Buffer.from(JSON.stringify({ ...envelope, version: '0.9.0' }, null, 2));
  await pickFiles(page, [{ name: 'old-envelope.json', bytes, type: 'application/json' }]);
  const banner = page.getByTestId('migrate-banner');
  await expect(banner).toContainText('Envelope 0.9.0 has major version 0; this app reads major 1 (1.1.0)');
  await banner.getByRole('button', { name: 'Try anyway…' }).click();
  const dialog = page.getByTestId('migrate-dialog');
  await expect(dialog.getByTestId('migrate-try-anyway')).toBeChecked();
  await expect(dialog.getByTestId('migrate-step').first()).toContainText('envelope.0.9-to-1.0');
  await page.screenshot({ path: screenshotPath('migrate-try-anyway') });
  await dialog.getByTestId('migrate-apply').click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.program-bar')).toContainText('v1.1.0');
  await expect(page.getByTestId('migrate-banner')).toHaveCount(0);
});

test('an era B predictor with no field list: the dialog says so, a pasted signature gives the fields (a bad one is refused where it was typed)', async ({
  page,
}) => {
  const program = {
    classify: {
      lm: null,
      traces: [],
      train: [],
      demos: [],
      signature_instructions: 'Classify the ticket by urgency, most urgent first.',
      signature_prefix: 'Urgency Level:',
    },
  };
  await pickFiles(page, [{ name: 'tickets.json', bytes: new TextEncoder().encode(JSON.stringify(program, null, 2)), type: 'application/json' }]);
  await page.getByTestId('migrate-open').click();
  const dialog = page.getByTestId('migrate-dialog');
  const question = dialog.getByTestId('migrate-question');
  await expect(question).toContainText('Fields of classify');
  await expect(question).toContainText('not recovered');
  await expect(question).toContainText('DSPy keeps the fields, prefixes and descriptions of your signature class');
  await expect.poll(async () => (await editorText(page, 'migration/after.json')) ?? '').toContain('"fields": []');

  // A signature that does not parse is refused under the box, the text stays, and Apply waits.
  const box = question.getByRole('textbox');
  await box.fill('ticket_text -> ');
  await question.getByRole('button', { name: 'Use this signature' }).click();
  await expect(question.getByRole('alert')).toContainText(/^Not used: line 1, column/);
  await expect(box).toHaveValue('ticket_text -> ');
  await expect(dialog.getByTestId('migrate-apply')).toBeDisabled();

  await box.fill('ticket_text: str -> urgency: int');
  await question.getByRole('button', { name: 'Use this signature' }).click();
  await expect(question).toContainText('from your signature');
  await expect(question.getByRole('alert')).toHaveCount(0);
  await expect.poll(async () => (await editorText(page, 'migration/after.json')) ?? '').toContain('"prefix": "Ticket Text:"');
  expect(await editorText(page, 'migration/after.json')).toContain('"prefix": "Urgency Level:"');
  await page.screenshot({ path: screenshotPath('migrate-fields-question') });

  await dialog.getByTestId('migrate-apply').click();
  await expect(dialog).toBeHidden();
  await page.getByRole('treeitem', { name: /^classify,/ }).click();
  await expect
    .poll(async () => JSON.parse((await editorText(page, 'modules/classify.json')) ?? '{}') as { signature?: unknown })
    .toMatchObject({
      signature: {
        instructions: 'Classify the ticket by urgency, most urgent first.',
        fields: [
          { prefix: 'Ticket Text:', description: '${ticket_text}' },
          { prefix: 'Urgency Level:', description: '${urgency}' },
        ],
      },
    });
});

test('a ChainOfThought whose two signatures disagree: both instructions shown, the extended one by default, the plain one when chosen', async ({ page }) => {
  const eraD = JSON.parse(readFileSync(new URL('../fixtures/programs/dspy-era-d.json', import.meta.url), 'utf8')) as {
    self: { signature: { instructions: string }; extended_signature: { instructions: string } };
  };
  await pickFiles(page, [{ name: 'cot.json', bytes: new TextEncoder().encode(JSON.stringify(eraD)), type: 'application/json' }]);
  await page.getByTestId('migrate-open').click();
  const dialog = page.getByTestId('migrate-dialog');
  const question = dialog.getByTestId('migrate-question');
  await expect(question).toContainText(eraD.self.signature.instructions);
  await expect(question).toContainText(eraD.self.extended_signature.instructions);
  await expect(question.getByRole('radio', { name: /extended signature/ })).toBeChecked();
  await expect(question).toContainText('ran a ChainOfThought with its extended signature');
  await expect.poll(async () => (await editorText(page, 'migration/after.json')) ?? '').toContain(eraD.self.extended_signature.instructions);

  await question.getByRole('radio', { name: /plain signature/ }).check();
  await expect.poll(async () => (await editorText(page, 'migration/after.json')) ?? '').not.toContain('You are a careful fact checker');
  await dialog.getByTestId('migrate-apply').click();
  await expect(dialog).toBeHidden();
  await page.getByRole('treeitem', { name: /^predict,/ }).click();
  await expect
    .poll(
      async () => (JSON.parse((await editorText(page, 'modules/predict.json')) ?? '{}') as { signature?: { instructions?: string } }).signature?.instructions,
    )
    .toBe(eraD.self.signature.instructions);
});

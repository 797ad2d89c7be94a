import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { dropFiles, editorText, expect, pickFiles, screenshotPath, test } from './fixtures';

const program = {
  'generate_answer.predict': {
    traces: [],
    train: [],
    demos: [{ augmented: true, question: 'What is e2e?', answer: 'hello-e2e' }],
    signature: {
      instructions: 'Answer briefly.',
      fields: [
        { prefix: 'Question:', description: '${question}' },
        { prefix: 'Answer:', description: '${answer}' },
      ],
    },
    lm: null,
  },
  metadata: { dependency_versions: { python: '3.12', dspy: '3.0.3', cloudpickle: '3.1' } },
};
const json = Buffer.from(JSON.stringify(program, null, 2) + '\n');

/** The decoded text of the whole file, as the "Whole file" tab shows it. */
async function wholeFile(page: Page, name: string): Promise<string | undefined> {
  await page.getByRole('tab', { name: 'Whole file' }).click();
  return editorText(page, `file/${name}`);
}

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'Drop a program file anywhere' })).toBeVisible();
});

test('a .json picked with the file picker shows its decoded JSON', async ({ page }) => {
  await pickFiles(page, [{ name: 'program.json', bytes: json, type: 'application/json' }]);
  await expect(page.locator('.recipe-step')).toHaveText(['json']);
  await expect(page.getByRole('treeitem', { name: /generate_answer.predict/ })).toBeVisible();
  await expect.poll(async () => JSON.parse((await editorText(page, 'generate_answer.predict')) ?? 'null')).toEqual(program['generate_answer.predict']);
  await page.screenshot({ path: screenshotPath('open-json-picker') });
  await expect.poll(() => wholeFile(page, 'program.json')).toBe(json.toString());
});

test('a gzip-compressed .json.gz dropped on the page shows the decoded JSON', async ({ page }) => {
  await dropFiles(page, [{ name: 'program.json.gz', bytes: gzipSync(json), type: 'application/gzip' }]);
  await expect(page.locator('.recipe-step')).toHaveText(['gzip', 'json']);
  await expect.poll(() => wholeFile(page, 'program.json.gz')).toBe(json.toString());
  await page.screenshot({ path: screenshotPath('open-gzip-drop') });
});

test('a gzip file picked with the file picker is decoded too', async ({ page }) => {
  await pickFiles(page, [{ name: 'program.json.gz', bytes: gzipSync(json) }]);
  await expect.poll(() => wholeFile(page, 'program.json.gz')).toBe(json.toString());
});

test('"Open sample program" shows the embedded sample', async ({ page }) => {
  await page.getByRole('button', { name: 'Open sample program' }).click();
  const sample = readFileSync(new URL('../public/samples/multihop-qa.json', import.meta.url), 'utf8');
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('open-sample') });
  await expect.poll(() => wholeFile(page, 'multihop-qa.json')).toBe(sample);
});

test('random bytes and a truncated gzip get a clear error, and the next valid file opens', async ({ page }) => {
  const random = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
  await pickFiles(page, [{ name: 'noise.bin', bytes: random }]);
  const alert = page.getByRole('alert', { name: 'Error' });
  // Bytes that look random may be encrypted: the key is asked for first, and said plainly, not as an error.
  await expect(page.getByTestId('locked-notice')).toHaveText('noise.bin may be encrypted: enter the key to open it.');
  await expect(alert).toHaveCount(0);
  await page.getByTestId('key-prompt').getByRole('button', { name: 'Cancel' }).click();
  await expect(alert).toContainText('Could not open noise.bin');
  await page.screenshot({ path: screenshotPath('error-random-bytes') });

  const gz = gzipSync(json);
  await dropFiles(page, [{ name: 'cut.json.gz', bytes: gz.subarray(0, gz.length - 30) }]);
  await expect(alert).toContainText('Could not open cut.json.gz');
  await expect(alert).toContainText('gzip');
  await expect(alert).toContainText(/Byte offset/);
  await page.screenshot({ path: screenshotPath('error-truncated-gzip') });

  await pickFiles(page, [{ name: 'good.json', bytes: json }]);
  await expect(alert).toHaveCount(0);
  await expect.poll(() => wholeFile(page, 'good.json')).toBe(json.toString());

  // A bad file opened over a good one leaves the good one as it was.
  await pickFiles(page, [{ name: 'noise-again.bin', bytes: random }]);
  await page.getByTestId('key-prompt').getByRole('button', { name: 'Cancel' }).click();
  await expect(alert).toContainText('Could not open noise-again.bin');
  await expect(page.locator('.header-file')).toHaveText('good.json');
  await expect(page.getByRole('treeitem', { name: /generate_answer.predict/ })).toBeVisible();
});

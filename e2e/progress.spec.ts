/**
 * A large file shows a moving progress bar, the page answers while the worker decodes, and Cancel
 * stops the open without touching what was there before.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, screenshotPath, test } from './fixtures';

/** A DSPy program of about `mb` MB, varied enough that gzip keeps an ordinary ratio. */
function bigProgram(mb: number): Buffer {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const word = () => Math.floor(rand() * 36 ** 6).toString(36);
  const demos: Array<Record<string, unknown>> = [];
  let size = 0;
  while (size < mb * 1e6) {
    const passage = Array.from({ length: 120 }, word).join(' ');
    demos.push({ augmented: rand() < 0.5, question: `What about ${word()}?`, context: passage, answer: word() });
    size += passage.length + 80;
  }
  const program = {
    'answer.predict': {
      traces: [],
      train: [],
      demos,
      signature: {
        instructions: 'Answer.',
        fields: [
          { prefix: 'Question:', description: '${question}' },
          { prefix: 'Context:', description: '${context}' },
          { prefix: 'Answer:', description: '${answer}' },
        ],
      },
      lm: null,
    },
    metadata: { dependency_versions: { python: '3.12', dspy: '3.0.3', cloudpickle: '3.1' } },
  };
  return gzipSync(JSON.stringify(program, null, 2));
}

test('a large file shows a moving progress bar, the page stays usable, and Cancel stops the open', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  // Large buffers go to the page as files on disk (the protocol caps inline buffers).
  const big = testInfo.outputPath('big.json.gz');
  const again = testInfo.outputPath('again.json.gz');
  const gz = bigProgram(100);
  writeFileSync(big, gz);
  writeFileSync(again, gz);
  const input = page.getByTestId('file-input').first();
  await page.goto('./');
  // Record every value the progress bar takes, from inside the page.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __progress: string[] }).__progress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      const now = bar?.getAttribute('aria-valuenow');
      if (now && seen.at(-1) !== now) seen.push(now);
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });

  await input.setInputFiles(big);
  const bar = page.getByRole('progressbar');
  await expect(bar).toBeVisible();
  await page.screenshot({ path: screenshotPath('progress-large-file') });

  // While the worker decodes, the page still answers: the theme changes at once.
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible({ timeout: 90_000 });
  const seen = await page.evaluate(() => (window as unknown as { __progress: string[] }).__progress);
  // Each stage (reading, then gunzip) fills the bar from 0 to 100; it must have moved.
  expect(new Set(seen).size, `progress values seen: ${seen.join(', ')}`).toBeGreaterThanOrEqual(3);

  // Cancel a second open: the document already open stays exactly as it was.
  await page.getByRole('treeitem', { name: /^answer\.predict,/ }).click();
  await input.setInputFiles(again);
  await expect(bar).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(bar).toHaveCount(0);
  await expect(page.locator('.header-file')).toHaveText('big.json.gz');
  await expect(page.getByRole('alert', { name: 'Error' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'answer.predict' })).toBeVisible();
});

/**
 * What a link does before and after the user's click: a `#p=` link says what it holds and opens only
 * on "Open read-only"; a share link never carries a flagged secret unless the user unticks it; a link
 * opened read-only leaves nothing in the history until "Open as my copy", and a gzip program comes
 * back as gzip when made one's own.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Download, Page } from '@playwright/test';
import { expect, pickFiles, screenshotPath, test } from './fixtures';
import { decodeShareLink, encodeShareLink } from '../src/core/program/share/share-link';

const program = {
  'generate_answer.predict': {
    traces: [],
    train: [],
    demos: [{ augmented: true, question: 'Where does the link go?', answer: 'only-where-it-is-pasted' }],
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
const gz = gzipSync(Buffer.from(JSON.stringify(program, null, 2)));
const KEY = 'sk-proj-EXAMPLEEXAMPLEEXAMPLE';

function payloadOf(link: string): string {
  const fragment = link.slice(link.indexOf('#p=') + 3);
  return fragment.includes('&') ? fragment.slice(0, fragment.indexOf('&')) : fragment;
}

function linkText(link: string): string {
  return new TextDecoder().decode(decodeShareLink(payloadOf(link)).bytes);
}

async function bytesOf(download: Download): Promise<Buffer> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const ask = (page: Page) => page.getByRole('region', { name: 'This link holds a program' });

test('a #p= link shows what it will open and opens only on a click', async ({ page }) => {
  const payload = encodeShareLink({ name: 'rag.json.gz', bytes: gz });
  await page.goto(`./#p=${payload}`);
  await expect(ask(page)).toContainText('rag.json.gz');
  await expect(ask(page)).toContainText(`${gz.length} B`);
  await expect(ask(page)).toContainText('gzip-compressed');
  await page.screenshot({ path: screenshotPath('share-link-ask') });
  await expect(page.getByRole('treeitem')).toHaveCount(0);
  await expect(page.getByRole('progressbar')).toHaveCount(0);

  await ask(page).getByRole('button', { name: 'Open read-only' }).click();
  await expect(page.getByText('Shared link · read-only')).toBeVisible();
  await expect(page.getByRole('treeitem', { name: /generate_answer\.predict/ })).toBeVisible();
  await expect(ask(page)).toHaveCount(0);

  // "Don't open" forgets the link and takes it out of the address.
  await page.goto('./');
  await page.reload();
  await page.goto(`./#p=${payload}`);
  await ask(page).getByRole('button', { name: 'Don’t open' }).click();
  await expect(ask(page)).toHaveCount(0);
  expect(new URL(page.url()).hash).toBe('');
  await expect(page.getByRole('treeitem')).toHaveCount(0);
});

test('a share link of a program with an api_key carries no key, unless the user unticks redaction', async ({ page }) => {
  await page.goto('./');
  await pickFiles(page, [{ name: 'lm.json', bytes: readFileSync('fixtures/programs/dspy-lm-api-key.json') }]);
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this program' });
  const redact = dialog.getByRole('checkbox', { name: /Replace secrets with "\[REDACTED\]"/ });
  await expect(dialog.getByRole('note').filter({ hasText: 'api_key' })).toBeVisible();
  await expect(redact).toBeChecked();
  await expect(dialog).toContainText('1 secret redacted');
  const link = await dialog.getByLabel('Share link').inputValue();
  const carried = linkText(link);
  expect(carried).not.toContain(KEY);
  expect(JSON.parse(carried).predict.lm.api_key).toBe('[REDACTED]');
  await page.screenshot({ path: screenshotPath('share-dialog-secrets') });

  // The same choice as export: unticked, the link carries the key as the file holds it.
  await redact.uncheck();
  await expect(dialog.getByLabel('Share link')).not.toHaveValue(link);
  expect(JSON.parse(linkText(await dialog.getByLabel('Share link').inputValue())).predict.lm.api_key).toBe(KEY);
});

test('a link opened read-only adds nothing to the history until "Open as my copy", and keeps its gzip recipe', async ({ page }) => {
  const payload = encodeShareLink({ name: 'rag.json.gz', bytes: gz });
  // Opened twice, read-only: no document, no session, no "pick up where you left off".
  for (let i = 0; i < 2; i++) {
    await page.goto(`./#p=${payload}`);
    if (i > 0) await page.reload();
    await ask(page).getByRole('button', { name: 'Open read-only' }).click();
    await expect(page.getByText('Shared link · read-only')).toBeVisible();
    await page.getByRole('button', { name: /^History/ }).click();
    await expect(page.getByRole('complementary', { name: 'History' })).toContainText('not recorded');
  }
  await page.goto('./');
  await page.reload();

  // Made one's own: recorded once, and exported as the gzip it came as.
  await page.goto(`./#p=${payload}`);
  await ask(page).getByRole('button', { name: 'Open read-only' }).click();
  await page.getByRole('button', { name: 'Open as my copy' }).click();
  const panel = page.getByRole('complementary', { name: 'History' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^History/ }).click();
  await expect(panel.getByRole('list', { name: 'Versions' }).getByRole('listitem')).toHaveCount(1);
  await expect(panel.getByTestId('history-saved')).toHaveText('All changes saved');
  await page.getByRole('button', { name: 'Close history' }).click();

  await page
    .getByRole('button', { name: /^Export/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: 'Export program' })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download' }).click()]);
  expect(download.suggestedFilename()).toBe('rag.json.gz');
  const bytes = await bytesOf(download);
  expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);

  await page.goto('./');
  await page.reload();
  // The offers arrive all at once: the two read-only opens would have made it three.
  const offers = page.getByRole('region', { name: 'Restore last session' }).getByRole('listitem');
  await expect(offers).toHaveCount(1);
  await expect(offers).toContainText('rag.json.gz');
});

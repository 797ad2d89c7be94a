/**
 * Links in and out: a program shared in the URL fragment, opened elsewhere (a fresh context, no
 * IndexedDB) read-only, the fragment never sent; `?url=` downloads with progress or names CORS;
 * deep links select a module and back/forward walk the selection.
 */
import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, pickFiles, screenshotPath, test } from './fixtures';
import { serveStatic } from './static-server';

const LOCAL = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

const program = {
  retrieve: { k: 3 },
  'generate_query.predict': {
    traces: [],
    train: [],
    demos: [{ augmented: true, question: 'Who shares links?', query: 'link sharing people' }],
    signature: {
      instructions: 'Write a search query.',
      fields: [
        { prefix: 'Question:', description: '${question}' },
        { prefix: 'Query:', description: '${query}' },
      ],
    },
    lm: null,
  },
  'generate_answer.predict': {
    traces: [],
    train: [],
    demos: [
      { augmented: true, question: 'What is in the fragment?', answer: 'the-whole-program' },
      { augmented: true, question: 'Is it sent?', answer: 'never-to-a-server' },
    ],
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
const json = Buffer.from(JSON.stringify(program, null, 2));

async function treeLabels(page: Page): Promise<string[]> {
  return page.getByRole('treeitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label') ?? ''));
}

function selectedModule(page: Page) {
  return page.locator('[role="treeitem"][aria-selected="true"]');
}

/** A context like a stranger's browser: nothing stored, requests to other hosts refused and recorded. */
async function freshContext(context: BrowserContext): Promise<{ context: BrowserContext; requests: string[]; external: string[] }> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser');
  const fresh = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const requests: string[] = [];
  const external: string[] = [];
  fresh.on('request', (r) => requests.push(r.url()));
  await fresh.route('**/*', (route) => {
    const url = route.request().url();
    if (LOCAL.test(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    external.push(url);
    return route.abort('blockedbyclient');
  });
  return { context: fresh, requests, external };
}

test('a share link opens the same program read-only in a fresh browser, and its fragment is never sent', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await pickFiles(page, [{ name: 'shared.json', bytes: json }]);
  await expect(page.getByRole('treeitem', { name: /generate_answer\.predict/ })).toBeVisible();
  await page.getByRole('treeitem', { name: /generate_answer\.predict/ }).click();
  const labels = await treeLabels(page);

  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this program' });
  await expect(dialog).toContainText('32 KB');
  const link = await dialog.getByLabel('Share link').inputValue();
  await dialog.getByRole('button', { name: 'Copy share link' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Share link copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await page.screenshot({ path: screenshotPath('share-dialog') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: screenshotPath('share-dialog-dark') });

  expect(link).toMatch(/#p=[A-Za-z0-9_-]+&m=generate_answer\.predict$/);
  const payload = link.slice(link.indexOf('#p=') + 3, link.indexOf('&m='));

  const stranger = await freshContext(context);
  const other = await stranger.context.newPage();
  await other.goto(link);
  await other.getByRole('region', { name: 'This link holds a program' }).getByRole('button', { name: 'Open read-only' }).click();
  await expect(other.getByText('Shared link · read-only')).toBeVisible();
  await expect(other.locator('.header-file')).toHaveText('shared.json');
  await expect.poll(() => treeLabels(other)).toEqual(labels);
  await expect(selectedModule(other)).toHaveAttribute('aria-label', /^generate_answer\.predict,/);
  await expect(other.getByRole('article', { name: 'Demo 1' })).toContainText('the-whole-program');
  await expect(other.getByRole('article', { name: 'Demo 2' })).toContainText('never-to-a-server');
  await other.screenshot({ path: screenshotPath('share-opened-read-only') });

  // Selecting another module keeps the program in the fragment; no request carried any of it.
  await other.getByRole('treeitem', { name: /generate_query\.predict/ }).click();
  await expect(other.getByText('link sharing people').first()).toBeVisible();
  expect(other.url()).toContain(`#p=${payload}&m=generate_query.predict`);
  expect(stranger.requests.length).toBeGreaterThan(3);
  expect(stranger.requests.filter((u) => u.includes('#') || u.includes(payload.slice(0, 24)))).toEqual([]);
  expect(stranger.external).toEqual([]);

  // Nothing offers an edit while read-only; "Open as my copy" makes it editable and drops the payload from the URL.
  await expect(other.getByRole('button', { name: 'Add demo' })).toBeDisabled();
  await expect(other.getByRole('textbox', { name: 'Instructions' })).not.toBeEditable();
  await expect(other.getByRole('button', { name: /^Delete demo/ })).toHaveCount(0);
  await other.getByRole('button', { name: 'Open as my copy' }).click();
  await expect(other.getByText('Shared link · read-only')).toHaveCount(0);
  await expect.poll(() => other.url()).toMatch(/#\/m\/generate_query\.predict$/);
  await other.getByRole('button', { name: 'Add demo' }).click();
  await expect(other.getByRole('article', { name: 'Demo 2' })).toBeVisible();
  await stranger.context.close();
});

test('a truncated or changed share link says so and opens nothing', async ({ page }) => {
  await page.goto('./');
  await pickFiles(page, [{ name: 'shared.json', bytes: json }]);
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('dialog').getByLabel('Share link').inputValue();
  const fragment = link.slice(link.indexOf('#'));
  const payload = fragment.slice(3, fragment.indexOf('&'));

  await page.goto(`./#p=${payload.slice(0, payload.length - 20)}`);
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('share link is incomplete');
  await expect(page.getByRole('treeitem')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('share-truncated') });

  const flipped = payload.slice(0, 40) + (payload[40] === 'A' ? 'B' : 'A') + payload.slice(41);
  await page.goto(`./#p=${flipped}`);
  await page.reload();
  await expect(page.getByRole('alert')).toContainText(/share link (is damaged|was changed)/);
});

test('a program too large for a link offers the file instead', async ({ page }) => {
  await page.goto('./');
  const big = {
    'noisy.predict': {
      demos: Array.from({ length: 60 }, (_, i) => ({ question: `q${i}`, answer: randomBytes(600).toString('base64') })),
      signature: { instructions: 'x', fields: [] },
      lm: null,
    },
  };
  await pickFiles(page, [{ name: 'big.json', bytes: Buffer.from(JSON.stringify(big)) }]);
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this program' });
  await expect(dialog).toContainText('This program is too large for a link.');
  await expect(dialog).toContainText('links hold at most 32 KB');
  await expect(dialog.getByLabel('Share link')).toHaveCount(0);
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download file' }).click();
  expect((await download).suggestedFilename()).toBe('big.json');
  await page.screenshot({ path: screenshotPath('share-too-large') });
});

test('?url= downloads a file with progress and opens it; a host without CORS gets an error naming CORS', async ({ page }) => {
  const body = Buffer.concat([json, Buffer.alloc(300_000, 0x20)]); // trailing spaces keep it valid JSON
  const cors = await serveStatic({ files: { '/files/remote.json': { bytes: body, cors: true, holdAfter: 100_000 } } });
  const closed = await serveStatic({ files: { '/files/private.json': { bytes: json } } });
  try {
    await page.goto(`./?url=${encodeURIComponent(`${cors.origin}/files/remote.json`)}`);
    const ask = page.getByRole('region', { name: 'This address asks to download a file' });
    await expect(ask).toContainText(`${cors.origin}/files/remote.json`);
    expect(cors.requests).toEqual([]);
    await ask.getByRole('button', { name: 'Download and open' }).click();
    const bar = page.getByRole('progressbar', { name: /Downloading remote\.json/ });
    await expect(bar).toBeVisible();
    await expect(bar).toHaveAttribute('aria-valuenow', String(Math.round((100_000 / body.length) * 100)));
    await expect(page.getByRole('status').filter({ hasText: 'Downloading' })).toContainText('of');
    await page.screenshot({ path: screenshotPath('url-progress') });
    cors.release();
    await expect(page.getByRole('treeitem', { name: /generate_answer\.predict/ })).toBeVisible();
    await expect(page.locator('.header-file')).toHaveText('remote.json');
    expect(cors.requests).toEqual(['/files/remote.json']);

    await page.goto(`./?url=${encodeURIComponent(`${closed.origin}/files/private.json`)}`);
    await page.getByRole('button', { name: 'Download and open' }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('CORS');
    await expect(alert).toContainText('Access-Control-Allow-Origin');
    await page.screenshot({ path: screenshotPath('url-cors-error') });
  } finally {
    await cors.close();
    await closed.close();
  }
});

test('deep links: the fragment names the module; back and forward walk the selection', async ({ page }) => {
  await page.goto('./#/m/generate_query.predict');
  await pickFiles(page, [{ name: 'deep.json', bytes: json }]);
  await expect(selectedModule(page)).toHaveAttribute('aria-label', /^generate_query\.predict,/);
  expect(new URL(page.url()).hash).toBe('#/m/generate_query.predict');

  await page.getByRole('treeitem', { name: /generate_answer\.predict/ }).click();
  await expect.poll(() => new URL(page.url()).hash).toBe('#/m/generate_answer.predict');
  await page.getByRole('treeitem', { name: /^retrieve/ }).click();
  await expect.poll(() => new URL(page.url()).hash).toBe('#/m/retrieve');

  await page.goBack();
  await expect(selectedModule(page)).toHaveAttribute('aria-label', /^generate_answer\.predict,/);
  await page.goBack();
  await expect(selectedModule(page)).toHaveAttribute('aria-label', /^generate_query\.predict,/);
  await page.goForward();
  await expect(selectedModule(page)).toHaveAttribute('aria-label', /^generate_answer\.predict,/);
  await expect(page.locator('.header-file')).toHaveText('deep.json');
});

test('About tells what is stored and what is sent', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'About' }).click();
  const about = page.getByRole('dialog', { name: 'Program Studio' });
  await expect(about).toContainText(/version \d+\.\d+\.\d+/);
  await expect(about).toContainText('IndexedDB');
  await expect(about).toContainText('localStorage');
  await expect(about).toContainText('?url=');
  await page.screenshot({ path: screenshotPath('about') });
  await page.keyboard.press('Escape');
  await expect(about).toHaveCount(0);
});

/**
 * After one visit the app works with the network off: the service worker precached the build (Monaco
 * and its workers included), so a reload offline shows the app and opens a file, editor and all.
 */
import { editorText, expect, pickFiles, screenshotPath, test } from './fixtures';
import { serveBuildForSpec, SUB_PATH } from './static-server';

test.use({ serviceWorkers: 'allow' });

const PREFIX = SUB_PATH;
const build = serveBuildForSpec(test);

const program = {
  'offline.predict': { demos: [{ question: 'Network?', answer: 'not needed' }], signature: { instructions: 'Answer offline.', fields: [] }, lm: null },
  metadata: { dependency_versions: { dspy: '3.0.3' } },
};

test('after one visit, the app reloads and opens a file with the network off', async ({ page, context }) => {
  await page.goto(`${build().origin}${PREFIX}`);
  await expect(page.getByRole('heading', { name: 'Drop a program file anywhere' })).toBeVisible();
  // The worker is active once its precache is complete; clientsClaim makes it control this page.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
  expect(scope).toBe(`${build().origin}${PREFIX}`);
  // The editor's idle preload may have gone to the server before the worker took control: wait until it
  // has landed, so every request of the first visit is counted before the network goes off.
  await expect(page.locator('html')).toHaveAttribute('data-editor-preloaded', 'true');

  // Offline in the browser and at the server: Chromium checks the service worker's script for updates
  // outside the page's network emulation, so the server drops those connections as a dead network would.
  build().setOffline(true);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Drop a program file anywhere' })).toBeVisible();

  await pickFiles(page, [{ name: 'offline.json', bytes: Buffer.from(JSON.stringify(program)) }]);
  await expect(page.getByRole('treeitem', { name: /offline\.predict/ })).toBeVisible();
  await expect(page.getByText('not needed').first()).toBeVisible();
  // Monaco (lazy chunks, its CSS and workers) comes from the cache too.
  await expect.poll(async () => JSON.parse((await editorText(page, 'offline.predict')) ?? 'null')).toEqual(program['offline.predict']);
  await page.getByRole('button', { name: 'Sample' }).click();
  await expect(page.locator('.header-file')).toHaveText('multihop-qa.json');
  await page.screenshot({ path: screenshotPath('offline-reload') });
  // Only the browser's own update check of the service worker tried the network; the app needed nothing.
  const appRequests = build().refused.filter((url) => !/\/(sw|workbox-[\w-]+)\.js$/.test(url));
  expect(appRequests, 'requests of the app while offline').toEqual([]);
  await context.setOffline(false);
  build().setOffline(false);
});

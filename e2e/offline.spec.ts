/**
 * After one visit the app works with the network off: the service worker precached the build (Monaco
 * and its workers included), so a reload offline shows the app and opens a file, editor and all.
 */
import { resolve } from 'node:path';
import { editorText, expect, pickFiles, screenshotPath, test } from './fixtures';
import { serveStatic, type StaticServer } from './static-server';

test.use({ serviceWorkers: 'allow' });

const PREFIX = '/tools/program-studio/';
let server: StaticServer;

test.beforeAll(async () => {
  server = await serveStatic({ root: resolve(process.env.OUT_DIR ?? 'dist'), prefix: PREFIX });
});
test.afterAll(async () => server.close());

const program = {
  'offline.predict': { demos: [{ question: 'Network?', answer: 'not needed' }], signature: { instructions: 'Answer offline.', fields: [] }, lm: null },
  metadata: { dependency_versions: { dspy: '3.0.3' } },
};

test('after one visit, the app reloads and opens a file with the network off', async ({ page, context }) => {
  await page.goto(`${server.origin}${PREFIX}`);
  await expect(page.getByRole('heading', { name: 'Drop a program file anywhere' })).toBeVisible();
  // The worker is active once its precache is complete; clientsClaim makes it control this page.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const scope = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.scope));
  expect(scope).toBe(`${server.origin}${PREFIX}`);

  const seen = server.requests.length;
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
  expect(server.requests.length, 'requests that reached the server while offline').toBe(seen);
  await context.setOffline(false);
});

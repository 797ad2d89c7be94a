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

  const seen = build().requests.length;
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
  expect(build().requests.length, 'requests that reached the server while offline').toBe(seen);
  await context.setOffline(false);
});

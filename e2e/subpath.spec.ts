/**
 * The production build served from a sub-path, as a team would host it (`/tools/program-studio/`):
 * the relative base must make every asset, worker and the sample load from under that path.
 */
import { resolve } from 'node:path';
import { expect, pickFiles, screenshotPath, test } from './fixtures';
import { serveStatic, type StaticServer } from './static-server';

const PREFIX = '/tools/program-studio/';
let server: StaticServer;

test.beforeAll(async () => {
  server = await serveStatic({ root: resolve(process.env.OUT_DIR ?? 'dist'), prefix: PREFIX });
});
test.afterAll(async () => server.close());

const program = {
  'answer.predict': { demos: [{ question: 'Where is it hosted?', answer: 'under a sub-path' }], signature: { instructions: 'Answer.', fields: [] }, lm: null },
  metadata: { dependency_versions: { dspy: '3.0.3' } },
};

test('the build opens from a sub-path, loads the sample and opens a file', async ({ page }) => {
  await page.goto(`${server.origin}${PREFIX}`);
  await expect(page.getByRole('heading', { name: 'Drop a program file anywhere' })).toBeVisible();

  await page.getByRole('button', { name: 'Open sample program' }).click();
  await expect(page.getByRole('tree', { name: 'Module tree' })).toBeVisible();
  await expect(page.locator('.header-file')).toHaveText('multihop-qa.json');

  await pickFiles(page, [{ name: 'hosted.json', bytes: Buffer.from(JSON.stringify(program)) }]);
  await expect(page.getByRole('treeitem', { name: /answer\.predict/ })).toBeVisible();
  await expect(page.getByText('under a sub-path').first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('subpath-open') });

  // Installable from there too: the manifest and every icon it names load relative to the page.
  const manifestUrl = await page.locator('link[rel="manifest"]').evaluate((l) => (l as HTMLLinkElement).href);
  expect(manifestUrl).toBe(`${server.origin}${PREFIX}manifest.webmanifest`);
  const manifest = (await (await page.request.get(manifestUrl)).json()) as { name: string; icons: Array<{ src: string; sizes: string }> };
  expect(manifest.name).toBe('Program Studio');
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) expect((await page.request.get(new URL(icon.src, manifestUrl).href)).status()).toBe(200);

  // Everything came from under the sub-path: nothing assumed the site root.
  expect(server.requests.length).toBeGreaterThan(3);
  expect(server.requests.filter((r) => !r.startsWith(PREFIX))).toEqual([]);
  expect(server.requests.some((r) => r.includes('document-worker'))).toBe(true);
  expect(server.requests).toContain(`${PREFIX}samples/multihop-qa.json`);
});

/**
 * The production build served from a sub-path, as a team would host it (`/tools/program-studio/`):
 * the relative base must make every asset, worker and the sample load from under that path.
 */
import { expect, pickFiles, screenshotPath, test } from './fixtures';
import { serveBuildForSpec, SUB_PATH } from './static-server';

const PREFIX = SUB_PATH;
const build = serveBuildForSpec(test);

const program = {
  'answer.predict': { demos: [{ question: 'Where is it hosted?', answer: 'under a sub-path' }], signature: { instructions: 'Answer.', fields: [] }, lm: null },
  metadata: { dependency_versions: { dspy: '3.0.3' } },
};

test('the build opens from a sub-path, loads the sample and opens a file', async ({ page }) => {
  await page.goto(`${build().origin}${PREFIX}`);
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
  expect(manifestUrl).toBe(`${build().origin}${PREFIX}manifest.webmanifest`);
  const manifest = (await (await page.request.get(manifestUrl)).json()) as { name: string; icons: Array<{ src: string; sizes: string }> };
  expect(manifest.name).toBe('Program Studio');
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons) expect((await page.request.get(new URL(icon.src, manifestUrl).href)).status()).toBe(200);

  // Everything came from under the sub-path: nothing assumed the site root.
  expect(build().requests.length).toBeGreaterThan(3);
  expect(build().requests.filter((r) => !r.startsWith(PREFIX))).toEqual([]);
  expect(build().requests.some((r) => r.includes('document-worker'))).toBe(true);
  expect(build().requests).toContain(`${PREFIX}samples/multihop-qa.json`);
});

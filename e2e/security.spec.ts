/**
 * The page's security policy, as Chromium enforces it on the production build served with its headers
 * (vite preview sends what the build's `_headers` says): the page itself reaches no other host, the
 * confirmed `?url=` fetch still works through its worker (share.spec), no string reaches an HTML sink
 * (Trusted Types) while Monaco edits as before, and no other site can frame the app.
 */
import { editorText, expect, pickFiles, test } from './fixtures';
import { serveStatic } from './static-server';

const json = Buffer.from(
  JSON.stringify({ predict: { demos: [{ question: 'q', answer: 'a' }], signature: { instructions: 'Answer.', fields: [] }, lm: null } }, null, 2),
);

// Each test here provokes the browser's own refusal on purpose and checks it; Chromium logs each refusal.
test.use({
  expectedConsoleErrors:
    /violates the following Content Security Policy directive|Refused to connect because it violates the document's Content Security Policy|requires 'TrustedHTML' assignment/,
});

test('the page itself cannot reach another host; only the url-fetch worker may', async ({ page }) => {
  const other = await serveStatic({ files: { '/files/p.json': { bytes: json, cors: true } } });
  try {
    await page.goto('./');
    const outcome = await page.evaluate(async (url) => {
      const violation = new Promise<string>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true }),
      );
      const result = await fetch(url).then(
        () => 'fetched',
        (e: unknown) => (e instanceof Error ? e.name : String(e)),
      );
      return { result, directive: await violation };
    }, `${other.origin}/files/p.json`);
    expect(outcome).toEqual({ result: 'TypeError', directive: 'connect-src' });
    expect(other.requests).toEqual([]);

    // The confirmed ?url= goes through, from its worker.
    await page.goto(`./?url=${encodeURIComponent(`${other.origin}/files/p.json`)}`);
    await page.getByRole('button', { name: 'Download and open' }).click();
    await expect(page.getByRole('treeitem', { name: /^predict/ })).toBeVisible();
    expect(other.requests).toEqual(['/files/p.json']);
  } finally {
    await other.close();
  }
});

test('Trusted Types: no string reaches an HTML sink, only this site’s scripts run, and Monaco still edits', async ({ page }) => {
  await page.goto('./');
  const sinks = await page.evaluate(() => {
    const attempt = (fn: () => void) => {
      try {
        fn();
        return 'allowed';
      } catch (e) {
        return e instanceof Error ? e.name : String(e);
      }
    };
    const policy = (window as unknown as { trustedTypes: { defaultPolicy: { createScriptURL(s: string): unknown } } }).trustedTypes.defaultPolicy;
    return {
      html: attempt(() => {
        document.createElement('div').innerHTML = '<img src=x onerror="alert(1)">';
      }),
      foreignScript: attempt(() => policy.createScriptURL('https://attacker.example/x.js')),
      ownScript: attempt(() => policy.createScriptURL('./assets/x.js')),
    };
  });
  expect(sinks).toEqual({ html: 'TypeError', foreignScript: 'TypeError', ownScript: 'allowed' });

  // Monaco under the policy: its JSON view holds the module, with its workers running (markers come from them).
  await pickFiles(page, [{ name: 'tt.json', bytes: json }]);
  await page.getByRole('treeitem', { name: /^predict/ }).click();
  await expect
    .poll(async () => JSON.parse((await editorText(page, 'modules/predict.json')) ?? 'null'))
    .toMatchObject({ signature: { instructions: 'Answer.' } });
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('instructions');
});

test('no other site can frame the app', async ({ page, baseURL }) => {
  const response = await page.request.get('./');
  expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  const host = await serveStatic({
    files: { '/frame.html': { bytes: Buffer.from(`<!doctype html><iframe src="${baseURL}/" title="app"></iframe>`), type: 'text/html' } },
  });
  try {
    await page.goto(`${host.origin}/frame.html`);
    await expect.poll(() => page.frames().at(1)?.url()).toMatch(/^chrome-error:/);
  } finally {
    await host.close();
  }
});

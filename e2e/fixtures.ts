/**
 * Shared e2e fixtures: every test records requests that leave the local server, across the page and
 * its workers, and fails if there was any. The app must send nothing anywhere.
 */
import { test as base, expect, type Page } from '@playwright/test';

const LOCAL = /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//;

/**
 * Browser messages that are not the app's to fix, each with its reason. Keep this list short and reviewed.
 */
const ALLOWED_CONSOLE_ERRORS: RegExp[] = [
  // A request the test itself blocks (a ?url= to another host, the offline journey) is logged by Chromium.
  /^Failed to load resource: net::ERR_(BLOCKED_BY_CLIENT|INTERNET_DISCONNECTED|CONNECTION_REFUSED)/,
  // A ?url= journey fetches a host without CORS headers on purpose, to show the app's CORS error.
  /has been blocked by CORS policy/,
  // 404s that journeys provoke on purpose (a missing ?url= file).
  /^Failed to load resource: the server responded with a status of 404/,
];

/**
 * Uncaught errors that are not the app's to fix. Monaco's worker-based diff throws when a diff view
 * closes while a diff of its models is still being computed (its cancellation does not reach that
 * path); nothing on the page changes. Reviewed: a race inside Monaco, to drop when Monaco fixes it.
 */
const ALLOWED_PAGE_ERRORS: RegExp[] = [/^no diff result available$/];

export const test = base.extend<{ externalRequests: string[]; pageErrors: string[]; expectedConsoleErrors: RegExp }>({
  // A spec that provokes a browser error on purpose (a CSP block it tests) names it here with test.use.
  // (one pattern, as test.use reads an array as [value, options]; the default matches nothing).
  expectedConsoleErrors: [/(?!)/, { option: true }],
  // Every spec fails on an uncaught error in a page or a console.error, unless allowed above.
  pageErrors: [
    async ({ context, expectedConsoleErrors }, use) => {
      const errors: string[] = [];
      const watch = (page: Page) => {
        page.on('pageerror', (e) => {
          if (!ALLOWED_PAGE_ERRORS.some((re) => re.test(e.message))) errors.push(`uncaught: ${e.message}`);
        });
        page.on('console', (m) => {
          const allowed = [...ALLOWED_CONSOLE_ERRORS, expectedConsoleErrors];
          if (m.type() === 'error' && !allowed.some((re) => re.test(m.text()))) errors.push(`console.error: ${m.text()}`);
        });
      };
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(errors);
      expect(errors, 'uncaught errors and console.error in the page').toEqual([]);
    },
    { auto: true },
  ],
  externalRequests: [
    async ({ context }, use) => {
      const external: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (LOCAL.test(url) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
        external.push(url);
        return route.abort('blockedbyclient');
      });
      await use(external);
      expect(external, 'requests to other hosts').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Drops files on the page the way a browser does: dragenter, dragover, drop with a DataTransfer. */
export async function dropFiles(page: Page, files: Array<{ name: string; bytes: Uint8Array; type?: string }>): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.type ?? '', data: Buffer.from(f.bytes).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const item of items) {
      const binary = atob(item.data);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      dt.items.add(new File([bytes], item.name, { type: item.type }));
    }
    return dt;
  }, payload);
  const target = page.locator('body');
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

/** Picks files through the hidden file input, as the "Open file…" button does. */
export async function pickFiles(page: Page, files: Array<{ name: string; bytes: Uint8Array; type?: string }>): Promise<void> {
  await page
    .getByTestId('file-input')
    .first()
    .setInputFiles(files.map((f) => ({ name: f.name, mimeType: f.type ?? 'application/octet-stream', buffer: Buffer.from(f.bytes) })));
}

/** The text of the first Monaco model whose URI contains `fragment`. */
export async function editorText(page: Page, fragment = ''): Promise<string | undefined> {
  return page.evaluate((frag) => {
    const monaco = (window as unknown as { __monaco?: { editor: { getModels(): Array<{ uri: { toString(): string }; getValue(): string }> } } }).__monaco;
    const model = monaco?.editor.getModels().find((m) => m.uri.toString().includes(frag));
    return model?.getValue();
  }, fragment);
}

/** Screenshots are kept with the test output, to be looked at after a run. */
/** Screenshots of the page as it is, in the light theme and the dark, named NAME-light and NAME-dark. */
export async function shootBothSchemes(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: screenshotPath(`${name}-${scheme}`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

export function screenshotPath(name: string): string {
  return `${process.env.PW_OUTPUT ?? 'test-results'}/screenshots/${name}.png`;
}

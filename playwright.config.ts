import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { CHROMIUM_ARGS, findChromium } from './scripts/find-browser.mjs';

// A synchronous look-up only; `npm run browser:ensure` installs one before the tests when none is found.
const browser = findChromium();

// A free port, chosen once in the main process and inherited by Playwright's workers through the
// environment, so `npm test` runs beside `npm start` or another test run on the same machine.
function freePort(): number {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}
process.env.E2E_PORT ??= String(freePort());
const PORT = Number(process.env.E2E_PORT);

export default defineConfig({
  testDir: './e2e',
  testIgnore: ['**/bench/**'],
  timeout: 60_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: process.env.PW_OUTPUT ?? 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    headless: true,
    serviceWorkers: 'block',
    // Recording a trace costs every test about 40 % more CPU even when it is thrown away, and a busy
    // CI machine is CPU-bound: E2E_TRACE=1 records them (kept for failures) when one is needed.
    trace: process.env.E2E_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: browser.path,
      args: CHROMIUM_ARGS,
    },
  },
  webServer: {
    command: `npx vite preview --strictPort --host 127.0.0.1 --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});

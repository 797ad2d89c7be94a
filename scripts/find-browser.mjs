#!/usr/bin/env node
/**
 * Finds a Chromium that runs, for Playwright. Order: CHROME_PATH, Playwright's own cached browser,
 * the usual system paths. With --install and nothing found, it tries Playwright's installer and then,
 * as root on Debian/Ubuntu, `apt-get install chromium`. A test run must never depend on a hand install.
 */
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const SYSTEM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

// `--version` must succeed: a snap shim or broken wrapper exists on disk but does not run.
function works(path) {
  if (!path || !existsSync(path)) return false;
  return spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 15_000 }).status === 0;
}

/** The flags every Chromium of the project is started with: the e2e tests' and the benchmark's, so both see the same browser. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function findChromium() {
  const env = process.env.CHROME_PATH;
  if (env) {
    if (works(env)) return { path: env, source: 'CHROME_PATH' };
    console.warn(`[find-browser] CHROME_PATH=${env} does not run; ignoring it`);
  }
  let bundled;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return { path: undefined, source: `playwright cache (${bundled})` };
  for (const path of SYSTEM) if (works(path)) return { path, source: 'system' };
  return { path: undefined, source: 'none' };
}

function run(cmd, args) {
  console.log(`[find-browser] $ ${cmd} ${args.join(' ')}`);
  try {
    execFileSync(cmd, args, { stdio: 'inherit', timeout: 15 * 60_000 });
    return true;
  } catch (e) {
    console.warn(`[find-browser] failed: ${e.message}`);
    return false;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let found = findChromium();
  if (found.source === 'none' && process.argv.includes('--install')) {
    run('npx', ['--no-install', 'playwright', 'install', 'chromium']);
    found = findChromium();
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (found.source === 'none' && isRoot && process.platform === 'linux' && existsSync('/usr/bin/apt-get')) {
      if (run('apt-get', ['update']) && run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'])) {
        found = findChromium();
      }
    }
  }
  if (found.source === 'none') {
    console.error('[find-browser] No Chromium found. Install one (apt-get install chromium, or npx playwright install chromium) or set CHROME_PATH.');
    process.exit(1);
  }
  console.log(`[find-browser] using ${found.path ?? "Playwright's bundled Chromium"} (${found.source})`);
}

#!/usr/bin/env node
/**
 * PNG app icons (for installing the app) drawn from public/favicon.svg by the same Chromium the tests
 * use, so no image library is needed. The maskable icon keeps the mark inside the 80% safe zone.
 * Run after changing the favicon: `node scripts/make-icons.mjs`.
 */
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { findChromium } from './find-browser.mjs';

const svg = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({ executablePath: findChromium().path, args: ['--no-sandbox'] });
const page = await browser.newPage();

async function render(size, file, { padding = 0, background = 'transparent' } = {}) {
  await page.setViewportSize({ width: size, height: size });
  const inner = size - 2 * padding;
  await page.setContent(
    `<html><body style="margin:0;background:${background}"><div style="padding:${padding}px;width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`,
  );
  await page.screenshot({ path: new URL(`../public/icons/${file}`, import.meta.url).pathname, omitBackground: background === 'transparent' });
}

await render(192, 'icon-192.png');
await render(512, 'icon-512.png');
await render(512, 'icon-maskable-512.png', { padding: 52, background: '#4f46e5' });
await render(180, 'apple-touch-icon.png');
await browser.close();

/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { META_POLICY, headersFile, headersFor } from './security-headers.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** The policy of security-headers.ts in index.html, in the build's `_headers`, and on `vite preview`'s responses. */
function securityHeaders(): Plugin {
  return {
    name: 'program-studio-security-headers',
    transformIndexHtml: { order: 'pre', handler: (html) => html.replace('%PROGRAM_STUDIO_CSP%', META_POLICY) },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = new URL(req.url ?? '/', 'http://preview').pathname;
        for (const [name, value] of Object.entries(headersFor(path))) res.setHeader(name, value);
        next();
      });
    },
  };
}

export default defineConfig({
  // A relative base lets the same build run from any static host and any sub-path.
  base: './',
  define: { __APP_VERSION__: JSON.stringify(version) },
  plugins: [
    react(),
    securityHeaders(),
    // Offline after one visit: a generated service worker precaches the whole build (Monaco's chunks and
    // workers, the sample), relative to wherever the app is hosted. 'prompt': a new version waits for
    // the user's "Reload", so an open document is never reloaded away.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false, // ui/about/update-prompt.tsx registers it, to show "Update available"
      manifest: {
        name: 'Program Studio',
        short_name: 'Program Studio',
        description: 'Open, inspect, edit, migrate and re-export saved ML/LLM programs in your browser. Nothing is uploaded.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f6f7f9',
        theme_color: '#4f46e5',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,json,ttf,woff,woff2,wasm,webmanifest}'],
        // Monaco's main chunk is several MB; the default 2 MB cap would leave it out and break offline.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        navigateFallback: 'index.html',
        // The first visit's page is controlled at once, so it works offline without a second visit.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    // OUT_DIR lets several builds (e.g. parallel e2e runs) live side by side; `vite preview` reads it too.
    outDir: process.env.OUT_DIR ?? 'dist',
    target: 'es2022',
    // Monaco alone is several MB; it is loaded lazily, so the default warning says nothing useful.
    chunkSizeWarningLimit: 5000,
    // The one slow callback is the PWA plugin's closeBundle: Workbox bundles and minifies the service
    // worker after the app is built (most of the build's time on a busy machine). It is expected work,
    // not a fault, so the timing report that looks like an error is off.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});

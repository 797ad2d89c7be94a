/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  // A relative base lets the same build run from any static host and any sub-path.
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    // OUT_DIR lets several builds (e.g. parallel e2e runs) live side by side; `vite preview` reads it too.
    outDir: process.env.OUT_DIR ?? 'dist',
    target: 'es2022',
    // Monaco alone is several MB; it is loaded lazily, so the default warning says nothing useful.
    chunkSizeWarningLimit: 5000,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});

import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { icuCatalogs } from './scripts/icu-catalogs';
import { firstScreenCompileHints } from './scripts/compile-hints';
import { chartChunkNames } from './scripts/chart-chunks';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // better-sqlite3 loads its Node-API prebuild at run time: keep it external.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The import parser runs in a worker thread; imports/chunk-source.ts looks for it beside the main bundle.
          'parse-worker': resolve(__dirname, 'electron/engine/imports/parse-worker.ts'),
        },
        // Chunks (the engine loads each noun's handlers on first call) beside the entries, so chunk-source.ts
        // finds parse-worker.js next to whichever chunk it landed in.
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    // The catalogs pre-parsed, FormatJS's parser left out (scripts/icu-catalogs.ts); the first screen's scripts
    // compiled eagerly while they stream (scripts/compile-hints.ts); the chart's chunks named in index.html
    // (scripts/chart-chunks.ts).
    plugins: [react(), icuCatalogs(), firstScreenCompileHints(), chartChunkNames()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves the renderer unminified: a smaller bundle is parsed sooner at every window open.
      minify: true,
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
  },
});

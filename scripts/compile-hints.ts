/**
 * The window's build (electron.vite.config.ts): the scripts of the first screen (the entry and the chunks it
 * imports statically) start with V8's explicit compile hint `//# allFunctionsCalledOnLoad`, so Chromium
 * compiles every function of them while it streams the file, on a background thread, rather than each one
 * lazily on the page's main thread when the app's start first calls it. The other chunks stay lazy.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

export function firstScreenCompileHints(): Plugin {
  return {
    name: 'token-ledger:compile-hints',
    apply: 'build',
    // On the files written: Vite puts its preload helper's map at the top of the entry after every plugin's
    // generateBundle.
    writeBundle(options, bundle) {
      const first = new Set<string>();
      const visit = (file: string) => {
        const chunk = bundle[file];
        if (first.has(file) || chunk?.type !== 'chunk') return;
        first.add(file);
        chunk.imports.forEach(visit);
      };
      for (const chunk of Object.values(bundle)) if (chunk.type === 'chunk' && chunk.isEntry) visit(chunk.fileName);
      for (const file of first) {
        const path = join(options.dir!, file);
        // The hint must be the file's first line.
        writeFileSync(path, COMPILE_HINT + readFileSync(path, 'utf8'));
      }
    },
  };
}

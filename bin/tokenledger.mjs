#!/usr/bin/env node
// `tokenledger` runs the built CLI (out/cli/tokenledger.js, bundled by esbuild): no TypeScript is
// transpiled at launch. On a clean clone, or after the sources changed, the bundle is (re)built first
// (under a second), so the CLI works straight after `npm install` with no build step. npm and npx put
// node_modules/.bin first on PATH, which on Linux x64 is the Node 22 that npm installed
// (better-sqlite3 13 needs Node >= 22.14).
import module from 'node:module';

const argv = process.argv.slice(2);

/** The status line's bundle: its freshness is checked without loading the builder (esbuild) unless stale. */
async function statuslineEntry() {
  const { freshStatuslineUrl } = await import('../scripts/bundle-fresh.mjs');
  return freshStatuslineUrl() ?? (await import('../scripts/cli-bundle.mjs')).ensureStatusline();
}

// Claude Code runs `statusline` after every message: its own small bundle answers without loading the
// CLI's, unless it says the full CLI must (other flags, no ledger yet, one to migrate).
const answered = argv[0] === 'statusline' && (await (await import(await statuslineEntry())).runQuickStatusLine(argv.slice(1)));
if (!answered) {
  // V8's compiled code for the bundle is kept on disk (Node's compile cache, in the temp folder), so a
  // launch after the first skips most of the parsing and compiling. (The status line's small entry
  // answers faster without it.)
  module.enableCompileCache?.();
  const { ensureCli } = await import('../scripts/cli-bundle.mjs');
  const { runCli } = await import(await ensureCli());
  process.exitCode = await runCli(argv);
}

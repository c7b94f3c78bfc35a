#!/usr/bin/env node
// `tokenledger` runs the built CLI (out/cli/tokenledger.js, bundled by esbuild): no TypeScript is
// transpiled at launch. On a clean clone, or after the sources changed, the bundle is (re)built first
// (under a second), so the CLI works straight after `npm install` with no build step. npm and npx put
// node_modules/.bin first on PATH, which on Linux x64 is the Node 22 that npm installed
// (better-sqlite3 13 needs Node >= 22.14).
// Built-ins through process.getBuiltinModule, not `import`: an ES import of node:fs or node:module loads
// dozens of internal modules its lazy exports hold (see scripts/cli-bundle.mjs).
if (!process.getBuiltinModule) {
  process.stderr.write(`tokenledger needs Node 22.14 or later (this is ${process.version})\n`);
  process.exit(1);
}
const module = process.getBuiltinModule('node:module');

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
  // The freshness check without the builder: cli-bundle.mjs (esbuild, node:fs/promises) loads only when stale.
  const { freshCliUrl } = await import('../scripts/bundle-fresh.mjs');
  const url = freshCliUrl() ?? (await (await import('../scripts/cli-bundle.mjs')).ensureCli());
  const { runCli } = await import(url);
  process.exitCode = await runCli(argv);
}

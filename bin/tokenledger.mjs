#!/usr/bin/env node
// `tokenledger` runs the TypeScript sources through tsx (a runtime dependency), so the CLI works
// straight after `npm install`, with no build step. npm and npx put node_modules/.bin first on PATH,
// which on Linux x64 is the Node 22 that npm installed (better-sqlite3 13 needs Node >= 22.14).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/cli/main.ts');
const code = await runCli(process.argv.slice(2));
process.exitCode = code;

// Electron 42+ downloads its binary lazily; fetch it at install time so `npm start` works,
// unless ELECTRON_SKIP_BINARY_DOWNLOAD is set (CI, offline machines). Never fail the install:
// tests, the CLI and `serve` do not need Electron.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('[token-ledger] ELECTRON_SKIP_BINARY_DOWNLOAD is set: Electron binary not fetched (tests, CLI and serve do not need it).');
  process.exit(0);
}
const require = createRequire(import.meta.url);
let installScript;
try {
  installScript = require.resolve('electron/install.js');
} catch {
  process.exit(0);
}
if (!existsSync(installScript)) process.exit(0);
const result = spawnSync(process.execPath, [installScript], { stdio: 'inherit' });
if (result.status !== 0) {
  console.warn('[token-ledger] warning: the Electron binary could not be downloaded; `npm start` needs it. Tests, the CLI and `tokenledger serve` work without it.');
}
process.exit(0);

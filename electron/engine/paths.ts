/**
 * Where the desktop app keeps its ledger, computed the same way Electron's
 * app.getPath('userData') does, so the CLI's default `--db` is the desktop app's file.
 */
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** Must equal `productName` in package.json / electron-builder.yml (Electron names userData after it). */
export const APP_DIR_NAME = 'Token Ledger';
export const DB_FILE_NAME = 'ledger.sqlite';

export function defaultUserDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}

/**
 * The demo ledger: a file of its own beside the default ledger, where `demo` and `serve --demo` put the
 * sample exports unless --db names a ledger, so they never land in the user's ledger unasked.
 */
export function demoDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(defaultDbPath(env)), DEMO_DB_FILE_NAME);
}

export const DEMO_DB_FILE_NAME = 'demo-ledger.sqlite';

/** `TOKENLEDGER_DB` wins, then the desktop app's file. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.TOKENLEDGER_DB || join(defaultUserDataDir(process.platform, env), DB_FILE_NAME);
}

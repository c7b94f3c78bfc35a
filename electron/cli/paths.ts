import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The app's folder: this module is electron/cli/paths.ts in the sources and part of a file in out/cli/
 * in the built CLI, two folders below it either way (the bundle's import.meta.url is its own file's).
 */
export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The built renderer `serve` serves (`npm run build`). */
export function builtRendererDir(): string {
  return join(APP_ROOT, 'out', 'renderer');
}

// Whether a built bundle is no older than every source it was built from: the check bin/tokenledger.mjs
// makes at each start. Kept apart from cli-bundle.mjs (and esbuild) so the status line's start pays only
// for node:fs and a few dozen stat calls.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'out', 'cli');
export const STATUSLINE_ENTRY = join(OUT_DIR, 'statusline.mjs');
export const STATUSLINE_INPUTS = join(OUT_DIR, 'statusline-inputs.json');

/** True when `entry` exists and no source listed in `inputsFile` (repo-relative paths) is newer. */
export function isFresh(entry, inputsFile) {
  let built;
  let inputs;
  try {
    built = statSync(entry).mtimeMs;
    inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  } catch {
    return false;
  }
  const base = ROOT + sep;
  for (const p of inputs) {
    const st = statSync(base + p, { throwIfNoEntry: false });
    if (!st || st.mtimeMs > built) return false;
  }
  return true;
}

/** The status line's entry as a URL to import when it is fresh; null when it must be built first. */
export function freshStatuslineUrl() {
  return isFresh(STATUSLINE_ENTRY, STATUSLINE_INPUTS) ? pathToFileURL(STATUSLINE_ENTRY).href : null;
}

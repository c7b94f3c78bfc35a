// Whether a built bundle is no older than every source it was built from: the check bin/tokenledger.mjs
// makes at each start. Kept apart from cli-bundle.mjs (esbuild, node:fs/promises and the streams it loads)
// so a start with a fresh bundle pays only for node:fs and its stat calls.
// Built-ins without `import` (their ES facades load modules a start does not need: see cli-bundle.mjs).
const { readFileSync, statSync } = process.getBuiltinModule('node:fs');
const { dirname, join, sep } = process.getBuiltinModule('node:path');
const { fileURLToPath, pathToFileURL } = process.getBuiltinModule('node:url');

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(ROOT, 'out', 'cli');
export const CLI_ENTRY = join(OUT_DIR, 'tokenledger.js');
export const CLI_INPUTS = join(OUT_DIR, 'inputs.json');
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

/** The CLI's entry as a URL to import when it is fresh; null when it must be built first. */
export function freshCliUrl() {
  return isFresh(CLI_ENTRY, CLI_INPUTS) ? pathToFileURL(CLI_ENTRY).href : null;
}

/** The status line's entry as a URL to import when it is fresh; null when it must be built first. */
export function freshStatuslineUrl() {
  return isFresh(STATUSLINE_ENTRY, STATUSLINE_INPUTS) ? pathToFileURL(STATUSLINE_ENTRY).href : null;
}

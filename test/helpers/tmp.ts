import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';

/** Cleanups registered outside a running test (a beforeAll, a describe body): run when the file is done. */
const fileCleanups: (() => void)[] = [];

/**
 * Runs `fn` when the current test finishes (after its afterEach hooks; the last registered runs first),
 * or, registered outside a test, once the file's tests are done (test/helpers/cleanup-setup.ts).
 */
export function onCleanup(fn: () => void): void {
  try {
    onTestFinished(fn);
  } catch {
    // "can only be called inside a test": a beforeAll or a describe body made it.
    fileCleanups.push(fn);
  }
}

/** The cleanups left for the file's end, newest first (an engine closes before its folder is removed). */
export function runFileCleanups(): void {
  for (let fn = fileCleanups.pop(); fn; fn = fileCleanups.pop()) fn();
}

/** A fresh temporary folder, removed when the test that made it finishes (or its file, made outside a test). */
export function tempDir(prefix = 'tokenledger-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Which files the window may name to the engine: only those the user handed it in this session, by
 * dropping or choosing them (the preload reads a real File's path with webUtils and grants it before
 * the window sees it) or through a main-process dialog. A page that can call the bridge but was handed
 * nothing (a script injected into the window, say) names no file on disk. Kept free of the `electron`
 * import so it is tested with plain calls.
 */
import { resolve, sep } from 'node:path';
import { SERVER_PATH_INPUTS } from '../../shared/contract/transport';

/**
 * The window's methods whose path inputs must have been granted: a granted file, or a file inside a
 * granted folder (the mapping wizard maps one file of a dropped folder).
 */
export const GRANTED_PATH_METHODS: readonly string[] = [
  'imports.preview', 'imports.commit', 'mappings.suggest', 'mappings.preview', 'prices.loadSource', 'fx.importCsv',
  'ledger.backup', 'ledger.restore', 'team.setFolder',
];

/**
 * Methods that write the file they name: only the exact path the user picked in a save dialog will do
 * (a dropped file or folder is something to read, not a place the window may write to).
 */
export const WRITE_PATH_METHODS: readonly string[] = ['ledger.backup'];

export interface PathGrants {
  /** Grant paths to read (drops, open dialogs) or, with `write`, the exact files a save dialog picked. */
  grant(paths: readonly string[], opts?: { write?: boolean }): void;
  /** Why `method` may not run with `input` (a path nobody granted), or null when it may. */
  refusal(method: string, input: unknown): string | null;
}

export function createPathGrants(): PathGrants {
  const granted = new Set<string>();
  const writable = new Set<string>();
  const isGranted = (p: string) => {
    const abs = resolve(p);
    if (granted.has(abs)) return true;
    for (const g of granted) if (abs.startsWith(g.endsWith(sep) ? g : g + sep)) return true;
    return false;
  };
  return {
    grant(paths, opts = {}) {
      for (const p of paths) if (typeof p === 'string' && p !== '') (opts.write ? writable : granted).add(resolve(p));
    },
    refusal(method, input) {
      if (!GRANTED_PATH_METHODS.includes(method) || typeof input !== 'object' || input === null) return null;
      const allowed = WRITE_PATH_METHODS.includes(method) ? (p: string) => writable.has(resolve(p)) : isGranted;
      for (const key of SERVER_PATH_INPUTS[method] ?? []) {
        const value = (input as Record<string, unknown>)[key];
        if (value === undefined || value === null) continue; // null: no path (the team folder cleared)
        const paths = Array.isArray(value) ? value : [value];
        const stranger = paths.find((p) => typeof p !== 'string' || !allowed(p));
        if (stranger !== undefined) {
          return `${method} takes only files you dropped or chose in this window (${typeof stranger === 'string' ? stranger : key} was not)`;
        }
      }
      return null;
    },
  };
}

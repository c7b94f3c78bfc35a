/**
 * Previews kept for their commit: the files (an upload's temp copy), not their rows: the commit streams
 * them again, inside its own transaction, against the ledger as it is then.
 */
import type { WritableDb } from '../ledger/db';
import type { Importer } from '../importers/types';
import type { ImportFile } from './files';
import type { OnError } from './run';

export const PREVIEW_TTL_MS = 15 * 60_000;

export interface StoredPreview {
  files: ImportFile[];
  cleanup: () => void;
  importers: readonly Importer[] | undefined;
  onError: OnError;
  importId: string;
  expires: number;
}

const stores = new WeakMap<WritableDb, Map<string, StoredPreview>>();

/** The previews kept for this ledger, the expired ones dropped (and their temp files removed). */
export function previewStore(db: WritableDb, now: number): Map<string, StoredPreview> {
  let m = stores.get(db);
  if (!m) {
    m = new Map();
    stores.set(db, m);
  }
  for (const [id, p] of m) {
    if (p.expires < now) {
      m.delete(id);
      p.cleanup();
    }
  }
  return m;
}

/**
 * Drops every preview kept for this ledger and removes their temp copies (an upload is a copy of the
 * user's bill: it must not outlive the engine that was keeping it for a commit).
 */
export function dropPreviews(db: WritableDb): void {
  const m = stores.get(db);
  if (!m) return;
  for (const p of m.values()) p.cleanup();
  m.clear();
  stores.delete(db);
}

import type { Migration } from './types';

/**
 * What an import last read of a log file an agent keeps appending to (a coding agent's session file):
 * its size and modification time, a hash of its head, and where its last complete line ended (offset,
 * lines before it, a hash of the bytes just before). A file found unchanged is not read again; a grown
 * one is read from the offset when the bytes before it are still the same. batch_id is the last batch
 * that read it: the state counts only while that batch is committed (an undo forgets it).
 */
export const m019ImportFileState: Migration = {
  version: 19,
  name: 'import-file-state',
  up(db) {
    db.exec(`
      CREATE TABLE import_file_state (
        path        TEXT PRIMARY KEY,
        format      TEXT NOT NULL,
        batch_id    INTEGER NOT NULL REFERENCES import_batches(id),
        size        INTEGER NOT NULL CHECK (size >= 0),
        mtime_ms    INTEGER NOT NULL,
        head_sha256 TEXT NOT NULL,
        line_end    INTEGER NOT NULL CHECK (line_end >= 0 AND line_end <= size),
        lines       INTEGER NOT NULL CHECK (lines >= 0),
        tail_sha256 TEXT NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

import type { Migration } from './types';

/**
 * Member and machine as dimensions. Every fact belongs to the machine whose import brought it (a merged
 * bundle's batches name it in import_batches.origin_machine; NULL is this machine), and to that machine's
 * member unless the fact names its own (a bill's user column). machine_members holds each machine's member
 * as it stands now (this one's from Settings, the others' from their latest merged bundle), so a rename
 * moves all of a machine's facts at once. This machine's id is made here when it has none yet, so every
 * local fact has one from the start. The wide rollup and the tips rollup gain the column (derived:
 * refilled after migrating).
 */
export const m020TeamDimensions: Migration = {
  version: 20,
  name: 'team-dimensions',
  derived: true,
  up(db) {
    db.exec(`
      INSERT OR IGNORE INTO settings (key, value) VALUES ('team.machineId', json_quote(
        lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' ||
        substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))));
      CREATE TABLE machine_members (
        machine_id TEXT PRIMARY KEY,
        member     TEXT
      ) STRICT, WITHOUT ROWID;
      INSERT INTO machine_members (machine_id, member)
        SELECT json_extract(value, '$'), (SELECT json_extract(value, '$') FROM settings WHERE key = 'team.member')
        FROM settings WHERE key = 'team.machineId';
      INSERT OR REPLACE INTO machine_members (machine_id, member)
        SELECT b.machine_id, b.member FROM bundle_imports b
        WHERE b.status = 'committed' AND b.sequence = (SELECT max(sequence) FROM bundle_imports x WHERE x.machine_id = b.machine_id AND x.status = 'committed');
      ALTER TABLE rollup_daily ADD COLUMN machine TEXT;
    `);
  },
};

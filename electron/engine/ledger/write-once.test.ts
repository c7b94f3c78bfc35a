import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/tmp';
import { EngineError } from '../errors';
import { openLedger } from './connection';
import { writeOnce } from './write-once';

/** The file header's write and read versions (bytes 18 and 19): 2 in WAL mode, 1 under the rollback journal. */
const header = (path: string) => [...readFileSync(path).subarray(18, 20)];

describe('a ledger taken for one large write (write-once.ts)', () => {
  it('alone on the file: the rollback journal, synced, until restore() puts WAL, the sync level and the cache back', () => {
    const path = join(tempDir(), 'ledger.sqlite');
    const { db } = openLedger(path);
    const cache = db.pragma('cache_size', { simple: true });
    expect(header(path)).toEqual([2, 2]);
    const alone = writeOnce(db, 16 * 1024);
    expect(alone).not.toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(header(path)).toEqual([1, 1]);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL: the journal synced before the ledger is overwritten
    expect(db.pragma('cache_size', { simple: true })).toBe(-16 * 1024);
    db.exec("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('bench.x', '1'); COMMIT");
    alone!.restore();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(header(path)).toEqual([2, 2]);
    expect(db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL, as every open sets it
    expect(db.pragma('cache_size', { simple: true })).toBe(cache);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'bench.x'").pluck().get()).toBe('1');
    db.close();
  });

  it('with another connection on the file: null at once (nothing waited for) and the ledger left in WAL mode', () => {
    const path = join(tempDir(), 'ledger.sqlite');
    const { db } = openLedger(path);
    const reader = openLedger(path).db;
    expect(reader.prepare('SELECT count(*) FROM usage_facts').pluck().get()).toBe(0);
    expect(writeOnce(db, 16 * 1024)).toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(header(path)).toEqual([2, 2]);
    reader.close();
    db.close();
  });

  it('another process opening the ledger while the write holds it is told the ledger is busy, then opens it once the write is done', () => {
    const path = join(tempDir(), 'ledger.sqlite');
    const { db } = openLedger(path);
    const alone = writeOnce(db, 16 * 1024)!;
    // What a large write holds once its pages spill into the file: the exclusive lock.
    db.exec('BEGIN EXCLUSIVE');
    let refused: unknown;
    try {
      openLedger(path, { busyMs: 50 });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(EngineError);
    expect(refused).toMatchObject({
      code: 'BUSY',
      message: 'The ledger is busy: another import or another Token Ledger is writing to it. Try again when it has finished.',
    });
    db.exec('COMMIT');
    alone.restore();
    const other = openLedger(path, { busyMs: 50 });
    expect(other.db.pragma('journal_mode', { simple: true })).toBe('wal');
    other.db.close();
    db.close();
  });
});

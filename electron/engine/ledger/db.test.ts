import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { preparedOnce, type ReadableDb } from './db';

describe('preparedOnce', () => {
  it('keeps a plucking and a row-reading statement of the same text apart', () => {
    const raw = new Database(':memory:');
    raw.exec('CREATE TABLE t (day TEXT); INSERT INTO t VALUES (\'2025-10-01\'), (\'2025-10-02\')');
    const db = raw as unknown as ReadableDb; // a connection as the ledger hands it out
    const text = 'SELECT day FROM t ORDER BY day';
    expect(preparedOnce(db, text, 'pluck').all()).toEqual(['2025-10-01', '2025-10-02']);
    expect(preparedOnce(db, text).all()).toEqual([{ day: '2025-10-01' }, { day: '2025-10-02' }]);
    expect(preparedOnce(db, text, 'pluck').get()).toBe('2025-10-01');
    // Still one statement per text and mode: prepared once.
    expect(preparedOnce(db, text)).toBe(preparedOnce(db, text));
    raw.close();
  });
});

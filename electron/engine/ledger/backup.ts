/**
 * The ledger file itself: a consistent backup copy, and restoring from one. Restore copies every table of
 * the backup into the open ledger in one transaction (same schema version only), after keeping a safety
 * copy of the ledger as it was, so a wrong choice can be undone by restoring that copy.
 */
import { existsSync, statSync } from 'node:fs';
import { ledgerError } from './ledger-error';
import { all, get, transaction, type WritableDb } from './db';
import { sql } from './sql';
import { rebuildDerived } from './derived';

export function backupLedger(db: WritableDb, path: string): { path: string; bytes: number } {
  if (existsSync(path)) throw ledgerError('CONFLICT', 'engine.error.backup.exists', { path });
  db.prepare('VACUUM INTO ?').run(path);
  return { path, bytes: statSync(path).size };
}

/**
 * The ledger's tables, every table after the tables its foreign keys point to: a child row copied before
 * its parent (budget_alerts before budgets) fails the commit even with the keys deferred.
 */
function parentsFirst(db: WritableDb): string[] {
  const names = all<{ name: string }>(db, sql`SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).map((t) => t.name);
  const parents = new Map(names.map((n) => [n, all<{ table: string }>(db, sql`SELECT "table" FROM pragma_foreign_key_list(${n})`).map((r) => r.table).filter((t) => t !== n)]));
  const out: string[] = [];
  const visit = (n: string) => {
    if (out.includes(n)) return;
    for (const p of parents.get(n) ?? []) visit(p);
    out.push(n);
  };
  for (const n of names) visit(n);
  return out;
}

/** `now`: the engine's instant, which names the safety copy. */
export function restoreLedger(db: WritableDb, dbPath: string, backupPath: string, now: number): { path: string; safetyCopy: string; facts: number } {
  try {
    db.prepare('ATTACH DATABASE ? AS bak').run(backupPath);
  } catch {
    // SQLite reads the header on ATTACH: a file that is not a database at all stops here.
    throw ledgerError('VALIDATION', 'engine.error.backup.notBackup', { path: backupPath });
  }
  try {
    let version: number;
    try {
      version = (db.prepare('PRAGMA bak.user_version').get() as { user_version: number }).user_version;
      db.prepare('SELECT count(*) FROM bak.usage_facts').get();
    } catch {
      throw ledgerError('VALIDATION', 'engine.error.backup.notBackup', { path: backupPath });
    }
    const current = db.pragma('user_version', { simple: true }) as number;
    if (version !== current) {
      throw ledgerError('VALIDATION', 'engine.error.backup.schemaDiffers', { path: backupPath, version, current });
    }
    const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
    const safetyCopy = dbPath === ':memory:' ? '' : `${dbPath}.before-restore.${stamp}.bak`;
    if (safetyCopy) db.prepare('VACUUM INTO ?').run(safetyCopy);
    const tables = parentsFirst(db);
    transaction(db, () => {
      db.pragma('defer_foreign_keys = ON');
      for (const t of [...tables].reverse()) db.exec(`DELETE FROM main."${t}"`);
      for (const t of tables) db.exec(`INSERT INTO main."${t}" SELECT * FROM bak."${t}"`);
      rebuildDerived(db);
    });
    return { path: backupPath, safetyCopy, facts: get<{ n: number }>(db, sql`SELECT count(*) AS n FROM usage_facts`)!.n };
  } finally {
    db.prepare('DETACH DATABASE bak').run();
  }
}

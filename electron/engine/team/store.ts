/**
 * The team's tables: this machine's identity and settings (rows of `settings` under team.*), the facts
 * this machine imported itself (what its bundle carries), the bundles merged from other machines.
 */
import { randomUUID } from 'node:crypto';
import { all, get, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { FACT_COLUMNS, ROW_COLUMNS } from '../ledger/facts';
import { sql } from '../ledger/sql';

const KEY = { machineId: 'team.machineId', machineName: 'team.machineName', member: 'team.member', folder: 'team.folder', sequence: 'team.bundleSequence' } as const;

/** A team.* value of the settings table. */
export function readTeamKey<T>(db: ReadableDb, key: `team.${string}`): T | null {
  return readKey<T>(db, key);
}

export function writeTeamKey(db: WritableDb, key: `team.${string}`, value: unknown): void {
  writeKey(db, key, value);
}

function readKey<T>(db: ReadableDb, key: string): T | null {
  const r = get<{ value: string }>(db, sql`SELECT value FROM settings WHERE key = ${key}`);
  return r ? (JSON.parse(r.value) as T) : null;
}

function writeKey(db: WritableDb, key: string, value: unknown): void {
  run(db, sql`INSERT INTO settings (key, value) VALUES (${key}, ${JSON.stringify(value)}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
}

export interface TeamSettingsRow {
  machineId: string | null;
  machineName: string | null;
  member: string | null;
  folder: string | null;
}

export function readTeamSettings(db: ReadableDb): TeamSettingsRow {
  return {
    machineId: readKey<string>(db, KEY.machineId),
    machineName: readKey<string>(db, KEY.machineName),
    member: readKey<string>(db, KEY.member),
    folder: readKey<string>(db, KEY.folder),
  };
}

/** Set some of member, machine name and folder (null clears one). */
export function writeTeamSettings(db: WritableDb, patch: { member?: string | null; machineName?: string | null; folder?: string | null }): void {
  for (const k of ['member', 'machineName', 'folder'] as const) {
    const v = patch[k];
    if (v === undefined) continue;
    if (v === null) run(db, sql`DELETE FROM settings WHERE key = ${KEY[k]}`);
    else writeKey(db, KEY[k], v);
  }
}

/** This ledger's stable machine id, made (a random UUID) and stored the first time it is asked for. */
export function ensureMachineId(db: WritableDb): string {
  const have = readKey<string>(db, KEY.machineId);
  if (have) return have;
  const id = randomUUID();
  writeKey(db, KEY.machineId, id);
  return id;
}

/** The next export's sequence number (stored: each export takes a higher one than the last). */
export function nextSequence(db: WritableDb): number {
  const n = (readKey<number>(db, KEY.sequence) ?? 0) + 1;
  writeKey(db, KEY.sequence, n);
  return n;
}

export interface LocalBatchRow {
  id: number;
  file_name: string;
  sha256: string;
  format: string;
  provider: string | null;
  grain: string | null;
  created_at: number;
  label: string | null;
}

/** This machine's own committed imports (not merged from a bundle, not the demo data). */
export function localBatches(db: ReadableDb): LocalBatchRow[] {
  return all<LocalBatchRow>(
    db,
    sql`SELECT id, file_name, sha256, format, provider, grain, created_at, label FROM import_batches
        WHERE status = 'committed' AND bundle_id IS NULL AND demo = 0 ORDER BY id`,
  );
}

/** The demo data's facts (from `since` on): never put in a bundle, so an export says how many it left out. */
export function demoFactCount(db: ReadableDb, since: string | null): number {
  const from = since === null ? sql`` : sql`AND f.day >= ${since}`;
  return get<{ n: number }>(db, sql`SELECT count(*) AS n FROM usage_facts f JOIN import_batches b ON b.id = f.batch_id WHERE b.status = 'committed' AND b.demo = 1 ${from}`)?.n ?? 0;
}

const ROW_SELECT = ROW_COLUMNS.map((c) => (c === 'source_line' ? 'coalesce(c.source_line, f.source_line) AS source_line' : `f.${c}`)).join(', ');

/**
 * Every fact a local batch brought (owned) or contained (claimed: another batch, perhaps a bundle's, had
 * it first), as row values, on `since` or later. A fact both owned and claimed by local batches comes once,
 * with its owner.
 */
export function* localFactRows(db: ReadableDb, batchIds: readonly number[], since: string | null): Generator<{ batch: number; values: unknown[] }> {
  if (batchIds.length === 0) return;
  const ids = batchIds.join(', ');
  const sinceSql = since === null ? '' : 'AND f.day >= ?';
  const params = since === null ? [] : [since, since];
  const stmt = db
    .prepare(
      `SELECT x.batch AS __batch, ${ROW_SELECT} FROM (
         SELECT f.id AS fact, f.batch_id AS batch FROM usage_facts f WHERE f.batch_id IN (${ids}) ${sinceSql}
         UNION ALL
         SELECT c.fact_id, min(c.batch_id) FROM fact_claims c JOIN usage_facts f ON f.id = c.fact_id
         WHERE c.batch_id IN (${ids}) AND f.batch_id NOT IN (${ids}) ${sinceSql} GROUP BY c.fact_id
       ) x JOIN usage_facts f ON f.id = x.fact LEFT JOIN fact_claims c ON c.fact_id = f.id AND c.batch_id = x.batch
       ORDER BY x.batch, f.id`,
    )
    .raw(true)
    .safeIntegers(true);
  for (const r of stmt.iterate(...params) as Iterable<unknown[]>) {
    yield { batch: Number(r[0]), values: r.slice(1).map((v, i) => (typeof v === 'bigint' && !ROW_COLUMNS[i]!.endsWith('_nano') ? Number(v) : v)) };
  }
}

export interface BundleImportRow {
  id: number;
  machine_id: string;
  machine_name: string | null;
  member: string | null;
  sequence: number;
  exported_at: number;
  since_day: string | null;
  file_name: string;
  sha256: string;
  imported_at: number;
  status: 'committed' | 'undone';
  facts_new: number;
  facts_duplicate: number;
  facts_revised: number;
  facts_retracted: number;
}

/** The latest committed bundle merged from a machine. */
export function latestBundleOf(db: ReadableDb, machineId: string): BundleImportRow | undefined {
  return get<BundleImportRow>(db, sql`SELECT * FROM bundle_imports WHERE machine_id = ${machineId} AND status = 'committed' ORDER BY sequence DESC LIMIT 1`);
}

/** Each machine's latest committed bundle, by member (else name, else id). */
export function latestBundlePerMachine(db: ReadableDb): BundleImportRow[] {
  return all<BundleImportRow>(
    db,
    sql`SELECT * FROM bundle_imports b
        WHERE status = 'committed' AND sequence = (SELECT max(sequence) FROM bundle_imports WHERE machine_id = b.machine_id AND status = 'committed')
        ORDER BY coalesce(member, machine_name, machine_id)`,
  );
}

export function getBundleImport(db: ReadableDb, id: number): BundleImportRow | undefined {
  return get<BundleImportRow>(db, sql`SELECT * FROM bundle_imports WHERE id = ${id}`);
}

export function listBundleImports(db: ReadableDb): BundleImportRow[] {
  return all<BundleImportRow>(db, sql`SELECT * FROM bundle_imports ORDER BY id DESC`);
}

export function insertBundleImport(
  db: WritableDb,
  b: Pick<BundleImportRow, 'machine_id' | 'machine_name' | 'member' | 'sequence' | 'exported_at' | 'since_day' | 'file_name' | 'sha256' | 'imported_at'>,
): number {
  return Number(
    run(
      db,
      sql`INSERT INTO bundle_imports (machine_id, machine_name, member, sequence, exported_at, since_day, file_name, sha256, imported_at)
          VALUES (${b.machine_id}, ${b.machine_name}, ${b.member}, ${b.sequence}, ${b.exported_at}, ${b.since_day}, ${b.file_name}, ${b.sha256}, ${b.imported_at})`,
    ).lastInsertRowid,
  );
}

export function setBundleCounts(db: WritableDb, id: number, c: { new: number; duplicate: number; revised: number; retracted: number }): void {
  run(db, sql`UPDATE bundle_imports SET facts_new = ${c.new}, facts_duplicate = ${c.duplicate}, facts_revised = ${c.revised}, facts_retracted = ${c.retracted} WHERE id = ${id}`);
}

export function markBundleUndone(db: WritableDb, id: number, now: number): void {
  run(db, sql`UPDATE bundle_imports SET status = 'undone', undone_at = ${now} WHERE id = ${id}`);
}

/** Point a batch at the bundle that brought it and the machine and batch it copies. */
export function setBatchOrigin(db: WritableDb, batchId: number, bundleId: number, machineId: string, originBatch: number | null): void {
  run(db, sql`UPDATE import_batches SET bundle_id = ${bundleId}, origin_machine = ${machineId}, origin_batch = ${originBatch} WHERE id = ${batchId}`);
}

/** The committed batches a bundle merge created, latest first (the order an undo takes them in). */
export function batchesOfBundle(db: ReadableDb, bundleId: number): number[] {
  return all<{ id: number }>(db, sql`SELECT id FROM import_batches WHERE bundle_id = ${bundleId} AND status = 'committed' ORDER BY id DESC`).map((r) => r.id);
}

/**
 * Facts an earlier bundle of `machineId` brought (owned by one of its batches), on `since` or later, that
 * neither the new bundle (its batches claim or revised what it carries) nor any batch outside that
 * machine's bundles contains: the machine no longer has them. Answers id, identity and day.
 */
export function staleFactsOfMachine(db: ReadableDb, machineId: string, newBundleId: number, since: string | null): Array<{ id: number; batch: number; day: string }> {
  return all(
    db,
    sql`SELECT f.id, f.batch_id AS batch, f.day FROM usage_facts f JOIN import_batches b ON b.id = f.batch_id
        WHERE b.origin_machine = ${machineId} AND b.bundle_id <> ${newBundleId} AND b.status = 'committed'
          AND (${since} IS NULL OR f.day >= ${since})
          AND NOT EXISTS (SELECT 1 FROM fact_claims c JOIN import_batches cb ON cb.id = c.batch_id
                          WHERE c.fact_id = f.id AND cb.status = 'committed'
                            AND (cb.bundle_id IS NULL OR cb.bundle_id = ${newBundleId} OR cb.origin_machine <> ${machineId}))`,
  );
}

/**
 * The overlaps batch `batchId` took part in, moved aside for bundle `bundleId` (an undo of that merge puts
 * them back): answers the facts they covered.
 */
export function keepSupersessions(db: WritableDb, bundleId: number, batchId: number): number[] {
  run(db, sql`INSERT INTO bundle_kept_supersessions (bundle_id, superseding_batch_id, fact_id, created_by_batch_id)
              SELECT ${bundleId}, superseding_batch_id, fact_id, created_by_batch_id FROM token_supersessions
              WHERE superseding_batch_id = ${batchId} OR created_by_batch_id = ${batchId}`);
  const facts = all<{ fact_id: number }>(db, sql`SELECT fact_id FROM token_supersessions WHERE superseding_batch_id = ${batchId} OR created_by_batch_id = ${batchId}`);
  run(db, sql`DELETE FROM token_supersessions WHERE superseding_batch_id = ${batchId} OR created_by_batch_id = ${batchId}`);
  return facts.map((f) => f.fact_id);
}

/** Put back the overlaps a merge moved aside; answers the facts they cover. */
export function restoreSupersessions(db: WritableDb, bundleId: number): number[] {
  run(db, sql`INSERT OR IGNORE INTO token_supersessions (superseding_batch_id, fact_id, created_by_batch_id)
              SELECT superseding_batch_id, fact_id, created_by_batch_id FROM bundle_kept_supersessions WHERE bundle_id = ${bundleId}`);
  const facts = all<{ fact_id: number }>(db, sql`SELECT fact_id FROM bundle_kept_supersessions WHERE bundle_id = ${bundleId}`);
  run(db, sql`DELETE FROM bundle_kept_supersessions WHERE bundle_id = ${bundleId}`);
  return facts.map((f) => f.fact_id);
}

/** The UTC days of these facts (those still in the ledger). */
export function daysOfFacts(db: ReadableDb, ids: readonly number[]): string[] {
  if (ids.length === 0) return [];
  return all<{ day: string }>(db, sql`SELECT DISTINCT day FROM usage_facts WHERE id IN ${sql.in(ids)}`).map((r) => r.day);
}

/** Retract a fact for `byBatch`: its row is kept in fact_history (an undo of that batch puts it back), then removed. */
/** The batch and UTC day of a fact still in the ledger. */
export function factBatchAndDay(db: ReadableDb, factId: number): { batch_id: number; day: string } | undefined {
  return all<{ batch_id: number; day: string }>(db, sql`SELECT batch_id, day FROM usage_facts WHERE id = ${factId}`)[0];
}

export function retractFact(db: WritableDb, factId: number, byBatch: number): void {
  const cols = FACT_COLUMNS.join(', ');
  db.prepare(`INSERT INTO fact_history (revised_by_batch_id, id, ${cols}) SELECT ?, id, ${cols} FROM usage_facts WHERE id = ?`).run(byBatch, factId);
  db.prepare('DELETE FROM usage_facts WHERE id = ?').run(factId);
}

/**
 * usage_facts: insert normalized facts, find them by identity (batched), revise them keeping the old
 * values in fact_history, and the token-coverage bookkeeping (token_supersessions, counts_tokens).
 */
import type { FactDraft, Region } from '../../../../shared/domain/fact';
import type { ReadableDb, WritableDb } from '../connection';
import type { SqlValue } from '../sql';

/** A FactDraft after the pipeline's normalize step: canonical model, maker, region, estimate. */
export interface NormalizedFact extends FactDraft {
  /** 1-based line of the export where the row starts. */
  line: number;
  model: string | null;
  modelFamily: string | null;
  vendor: string | null;
  originRegion: Region | null;
  estimated: { nano: bigint; currency: string } | null;
  priceStatus: 'priced' | 'unpriced' | 'not_applicable';
}

/**
 * Every column of usage_facts except `id`, in one order. fact_history has the same columns (plus
 * revised_by_batch_id): a column added to usage_facts must be added to both (see migration 002).
 */
export const FACT_COLUMNS = [
  'batch_id', 'source_line', 'format', 'identity', 'start_ms', 'end_ms', 'day', 'granularity', 'provider',
  'account', 'project', 'api_key', 'member', 'tags', 'model_raw', 'model', 'model_family', 'vendor',
  'origin_region', 'host', 'inference_geo', 'service_tier', 'context_tier', 'line_type', 'input', 'cache_read',
  'cache_write_5m', 'cache_write_1h', 'output', 'reasoning', 'requests', 'other_units', 'counts_tokens',
  'billed_nano', 'billed_currency', 'estimated_nano', 'estimated_currency', 'price_status',
] as const;

const COLS = FACT_COLUMNS.join(', ');
const PLACEHOLDERS = FACT_COLUMNS.map(() => '?').join(', ');
const ASSIGN = FACT_COLUMNS.map((c) => `${c} = ?`).join(', ');

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function jsonOrNull(v: Record<string, unknown> | null): string | null {
  return v === null || Object.keys(v).length === 0 ? null : JSON.stringify(v);
}

/** The column values of a fact, in FACT_COLUMNS order. */
export function factValues(f: NormalizedFact, batchId: number, format: string, countsTokens = 1): SqlValue[] {
  return [
    batchId, f.line, format, f.identity, f.start, f.end, utcDay(f.start), f.granularity, f.provider,
    f.account, f.project, f.apiKey, f.member, jsonOrNull(f.tags), f.modelRaw, f.model, f.modelFamily, f.vendor,
    f.originRegion, f.host, f.inferenceGeo, f.serviceTier, f.contextTier, f.lineType, f.tokens.input,
    f.tokens.cache_read, f.tokens.cache_write_5m, f.tokens.cache_write_1h, f.tokens.output, f.tokens.reasoning,
    f.requests, jsonOrNull(f.otherUnits), countsTokens, f.billed?.nano ?? null, f.billed?.currency ?? null,
    f.estimated?.nano ?? null, f.estimated?.currency ?? null, f.priceStatus,
  ];
}

/** What classification compares: the numbers of a fact ("same identity, same numbers" = duplicate). */
export interface StoredNumbers {
  id: number;
  batch_id: number;
  identity: string;
  start_ms: bigint;
  end_ms: bigint;
  input: bigint;
  cache_read: bigint;
  cache_write_5m: bigint;
  cache_write_1h: bigint;
  output: bigint;
  reasoning: bigint;
  requests: bigint;
  other_units: string | null;
  billed_nano: bigint | null;
  billed_currency: string | null;
}

export function sameNumbers(stored: StoredNumbers, f: NormalizedFact): boolean {
  const t = f.tokens;
  return (
    stored.start_ms === BigInt(f.start) &&
    stored.end_ms === BigInt(f.end) &&
    stored.input === BigInt(t.input) &&
    stored.cache_read === BigInt(t.cache_read) &&
    stored.cache_write_5m === BigInt(t.cache_write_5m) &&
    stored.cache_write_1h === BigInt(t.cache_write_1h) &&
    stored.output === BigInt(t.output) &&
    stored.reasoning === BigInt(t.reasoning) &&
    stored.requests === BigInt(f.requests) &&
    stored.other_units === jsonOrNull(f.otherUnits) &&
    stored.billed_nano === (f.billed?.nano ?? null) &&
    stored.billed_currency === (f.billed?.currency ?? null)
  );
}

/** SQLite's default limit is 32766 bound variables; stay far below it. */
const LOOKUP_CHUNK = 500;

/** The stored facts with these identities, found with one query per 500 identities (never one per row). */
export function findByIdentities(db: ReadableDb, identities: readonly string[]): Map<string, StoredNumbers> {
  const out = new Map<string, StoredNumbers>();
  const stmts = new Map<number, { all(...params: string[]): unknown[] }>();
  for (let i = 0; i < identities.length; i += LOOKUP_CHUNK) {
    const chunk = identities.slice(i, i + LOOKUP_CHUNK);
    let stmt = stmts.get(chunk.length);
    if (!stmt) {
      stmt = db
        .prepare(
          `SELECT id, batch_id, identity, start_ms, end_ms, input, cache_read, cache_write_5m, cache_write_1h, output,
                  reasoning, requests, other_units, billed_nano, billed_currency
           FROM usage_facts WHERE identity IN (${chunk.map(() => '?').join(', ')})`,
        )
        .safeIntegers(true);
      stmts.set(chunk.length, stmt);
    }
    for (const row of stmt.all(...chunk) as Array<Omit<StoredNumbers, 'id' | 'batch_id'> & { id: bigint; batch_id: bigint }>) {
      out.set(row.identity, { ...row, id: Number(row.id), batch_id: Number(row.batch_id) });
    }
  }
  return out;
}

/** Prepared writers for one commit (statements are prepared once, run per row inside the transaction). */
export function factWriter(db: WritableDb) {
  const insert = db.prepare(`INSERT INTO usage_facts (${COLS}) VALUES (${PLACEHOLDERS})`);
  const keep = db.prepare(
    `INSERT INTO fact_history (revised_by_batch_id, id, ${COLS}) SELECT ?, id, ${COLS} FROM usage_facts WHERE id = ?`,
  );
  const update = db.prepare(`UPDATE usage_facts SET ${ASSIGN} WHERE id = ?`);
  const countsOf = db.prepare('SELECT counts_tokens FROM usage_facts WHERE id = ?').pluck();
  return {
    insert(f: NormalizedFact, batchId: number, format: string): number {
      return Number(insert.run(...factValues(f, batchId, format)).lastInsertRowid);
    },
    /** Replace a fact's values by the newer export's, keeping the old row in fact_history. */
    revise(id: number, f: NormalizedFact, batchId: number, format: string): void {
      keep.run(batchId, id);
      const counts = countsOf.get(id) as number;
      update.run(...factValues(f, batchId, format, counts), id);
    },
  };
}

// ---- token coverage ---------------------------------------------------------------------------

const GRAIN_RANK = "CASE %s WHEN 'request' THEN 0 WHEN 'hour' THEN 1 WHEN 'day' THEN 2 ELSE 3 END";

/** One pair of facts describing the same usage in two formats of one provider. */
export interface CoveragePair {
  /** The fact whose tokens stop counting. */
  covered_id: number;
  covered_batch_id: number;
  /** The batch whose (finer or earlier) facts win. */
  winner_batch_id: number;
  day: string;
  model: string;
  /** True when the batch being imported is the winner. */
  this_wins: number;
}

/**
 * Facts of other formats of the same provider that describe the same usage as batch `batchId`'s token
 * facts: same provider, UTC day and model (canonical id where known, else the raw one), and project /
 * API key where both sides state one. The finer grain wins; at equal grain the earlier batch wins.
 */
export function findTokenOverlaps(db: ReadableDb, batchId: number): CoveragePair[] {
  const rank = (c: string) => GRAIN_RANK.replace('%s', c);
  return db
    .prepare(
      `SELECT DISTINCT CASE WHEN ${rank('n.granularity')} < ${rank('o.granularity')} THEN o.id ELSE n.id END AS covered_id,
              CASE WHEN ${rank('n.granularity')} < ${rank('o.granularity')} THEN o.batch_id ELSE n.batch_id END AS covered_batch_id,
              CASE WHEN ${rank('n.granularity')} < ${rank('o.granularity')} THEN n.batch_id ELSE o.batch_id END AS winner_batch_id,
              n.day AS day, coalesce(n.model, lower(n.model_raw), '') AS model,
              (${rank('n.granularity')} < ${rank('o.granularity')}) AS this_wins
       FROM usage_facts n
       JOIN usage_facts o
         ON o.provider = n.provider AND o.day = n.day AND o.line_type = 'usage'
        AND o.batch_id <> n.batch_id AND o.format <> n.format
        AND coalesce(o.model, lower(o.model_raw), '') = coalesce(n.model, lower(n.model_raw), '')
        AND (o.project IS NULL OR n.project IS NULL OR o.project = n.project)
        AND (o.api_key IS NULL OR n.api_key IS NULL OR o.api_key = n.api_key)
       WHERE n.batch_id = ? AND n.line_type = 'usage'`,
    )
    .all(batchId) as CoveragePair[];
}

/** Record coverage pairs found while importing `createdBy` and clear counts_tokens on the covered facts. */
export function recordSupersessions(db: WritableDb, pairs: readonly CoveragePair[], createdBy: number): void {
  const add = db.prepare(
    'INSERT OR IGNORE INTO token_supersessions (superseding_batch_id, fact_id, created_by_batch_id) VALUES (?, ?, ?)',
  );
  const clear = db.prepare('UPDATE usage_facts SET counts_tokens = 0 WHERE id = ? AND counts_tokens <> 0');
  for (const p of pairs) {
    add.run(p.winner_batch_id, p.covered_id, createdBy);
    clear.run(p.covered_id);
  }
}

/** counts_tokens = 1 again on these facts unless another supersession still covers them. */
export function refreshCountsTokens(db: WritableDb, factIds: Iterable<number>): void {
  const stmt = db.prepare(
    `UPDATE usage_facts SET counts_tokens =
       CASE WHEN EXISTS (SELECT 1 FROM token_supersessions s WHERE s.fact_id = usage_facts.id) THEN 0 ELSE 1 END
     WHERE id = ?`,
  );
  for (const id of factIds) stmt.run(id);
}

/**
 * Coverage: two formats of one provider describing the same usage (tokens) or the same bill (money).
 * The finer (usage) or more exact (bills) batch wins; the other's matching facts are recorded in
 * token_supersessions and get counts_tokens = 0, which drops both their tokens and their billed money
 * from every figure. Undo drops what a batch recorded and recounts (batch-store.ts).
 */
import type { ReadableDb, WritableDb } from '../ledger/db';

const GRAIN_RANK: Record<string, number> = { request: 0, hour: 1, day: 2, month: 3, cost: 4 };

/**
 * Among two bill files of one provider for the same days, which one's lines stand. The APIs' JSON reports
 * carry the exact amounts (Anthropic's cost report in fractional cents, OpenAI's costs API to 1e-16); the
 * consoles' CSV downloads round (Anthropic's Console CSV to whole cents per line). So the API report wins,
 * whichever was imported first; between two files of equal rank, the earlier batch stands.
 */
export const BILL_SOURCE_RANK: Readonly<Record<string, number>> = {
  'anthropic-cost-json': 0,
  'openai-costs-json': 0,
  'anthropic-console-cost-csv': 1,
  'openai-dashboard-cost-csv': 1,
};

type Kind = 'usage' | 'bill';
const KIND_WHERE: Record<Kind, string> = {
  usage: "%.line_type = 'usage'",
  bill: "%.line_type IN ('cost', 'credit', 'tax', 'fee') AND %.billed_nano IS NOT NULL",
};
const kindWhere = (kind: Kind, alias: string) => KIND_WHERE[kind].replaceAll('%', alias);
const MODEL_OF = (a: string) => `coalesce(${a}.model, lower(${a}.model_raw), '')`;

/** What one import found covered: facts of `coveredBatchId` whose tokens / money a fact of `winnerBatchId` states. */
export interface CoverageFound {
  kind: Kind;
  winnerBatchId: number;
  coveredBatchId: number;
  days: string[];
  models: string[];
  facts: number;
}

interface BatchFacts {
  id: number;
  format: string;
  grain: string | null;
}

/** (day, value) pairs of one dimension among a batch's facts of one kind on these days. */
function dimValues(db: ReadableDb, batchId: number, kind: Kind, column: string, days: ReadonlySet<string>): Set<string> {
  const rows = db
    .prepare(`SELECT DISTINCT f.day AS day, ${column} AS v FROM usage_facts f WHERE f.batch_id = ? AND ${kindWhere(kind, 'f')} AND ${column} IS NOT NULL`)
    .all(batchId) as Array<{ day: string; v: string }>;
  const out = new Set<string>();
  for (const r of rows) if (days.has(r.day)) out.add(`${r.day}\u0000${r.v}`);
  return out;
}

function daysOf(db: ReadableDb, batchId: number, kind: Kind, providers: readonly string[]): Set<string> {
  const rows = db
    .prepare(
      `SELECT DISTINCT f.day AS day FROM usage_facts f WHERE f.batch_id = ? AND ${kindWhere(kind, 'f')}
       AND f.provider IN (${providers.map(() => '?').join(', ')})`,
    )
    .pluck()
    .all(batchId, ...providers) as string[];
  return new Set(rows);
}

/**
 * The dimensions two batches are matched on. A dimension is compared (NULL on either side matching any
 * value) only when the two batches share at least one value of it on a day they both cover; when both
 * state it but never the same value, they name it differently (the Anthropic usage API reports workspace
 * and key ids, the Console CSV their names), so comparing it would never match and would count the same
 * usage twice: it is left out. Usage is always matched on the model; bill lines too unless the two files
 * never share a model name on those days (one file's display names against the other's ids).
 */
function matchColumns(db: ReadableDb, a: number, b: number, kind: Kind, days: ReadonlySet<string>): string[] {
  const cols = kind === 'usage' ? ['project', 'api_key'] : ['model', 'project', 'api_key'];
  const keep: string[] = kind === 'usage' ? ['model'] : [];
  for (const c of cols) {
    const expr = c === 'model' ? MODEL_OF('f') : `f.${c}`;
    const va = dimValues(db, a, kind, c === 'model' ? `nullif(${expr}, '')` : expr, days);
    const vb = dimValues(db, b, kind, c === 'model' ? `nullif(${expr}, '')` : expr, days);
    if (va.size === 0 || vb.size === 0) {
      keep.push(c); // NULL on one side matches anything anyway
      continue;
    }
    let shared = false;
    for (const v of va) {
      if (vb.has(v)) {
        shared = true;
        break;
      }
    }
    if (shared) keep.push(c);
  }
  return keep;
}

function winnerOf(kind: Kind, a: BatchFacts, b: BatchFacts): [BatchFacts, BatchFacts] {
  const rank = (x: BatchFacts) => (kind === 'usage' ? (GRAIN_RANK[x.grain ?? 'day'] ?? 2) : (BILL_SOURCE_RANK[x.format] ?? 1));
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? [a, b] : [b, a];
  return a.id < b.id ? [a, b] : [b, a];
}

/**
 * Find and record what batch `batchId` overlaps: for each committed batch of another format of the same
 * provider with facts of the same kind on the same days, the finer (usage) or more exact (bills) batch
 * wins and the other's matching facts are recorded in token_supersessions and get counts_tokens = 0 (which
 * drops both their tokens and their billed money from every total). `providers` are the providers this
 * batch's facts name (collected while importing; a 1M-row batch is not scanned to learn them).
 * Batches of other providers or formats are never scanned.
 */
export function recordCoverage(db: WritableDb, batchId: number, providers: readonly string[], createdBy: number = batchId): CoverageFound[] {
  const me = db.prepare('SELECT id, format, grain, provider FROM import_batches WHERE id = ?').get(batchId) as (BatchFacts & { provider: string | null }) | undefined;
  if (!me || providers.length === 0) return [];
  const batchProviders = [...new Set([...providers, ...(me.provider ? [me.provider] : [])])];
  const candidates = db
    .prepare(
      `SELECT id, format, grain FROM import_batches WHERE status = 'committed' AND id <> ? AND format <> ?
       AND provider IN (${batchProviders.map(() => '?').join(', ')}) ORDER BY id`,
    )
    .all(batchId, me.format, ...batchProviders) as BatchFacts[];
  const found: CoverageFound[] = [];
  for (const kind of ['usage', 'bill'] as const) {
    if (candidates.length === 0) break;
    const myDays = daysOf(db, batchId, kind, providers);
    if (myDays.size === 0) continue;
    for (const other of candidates) {
      const theirDays = daysOf(db, other.id, kind, providers);
      const days = new Set([...myDays].filter((d) => theirDays.has(d)));
      if (days.size === 0) continue;
      const cols = matchColumns(db, batchId, other.id, kind, days);
      const [winner, covered] = winnerOf(kind, me, other);
      const conds = cols.map((c) =>
        c === 'model' && kind === 'usage'
          ? `${MODEL_OF('w')} = ${MODEL_OF('l')}`
          : c === 'model'
            ? `(${MODEL_OF('w')} = '' OR ${MODEL_OF('l')} = '' OR ${MODEL_OF('w')} = ${MODEL_OF('l')})`
            : `(w.${c} IS NULL OR l.${c} IS NULL OR w.${c} = l.${c})`,
      );
      if (kind === 'bill') conds.push('w.line_type = l.line_type');
      const inserted = db
        .prepare(
          `INSERT OR IGNORE INTO token_supersessions (superseding_batch_id, fact_id, created_by_batch_id)
           SELECT ?, l.id, ? FROM usage_facts l
           WHERE l.batch_id = ? AND ${kindWhere(kind, 'l')}
             AND EXISTS (SELECT 1 FROM usage_facts w WHERE w.batch_id = ? AND w.day = l.day AND w.provider = l.provider
                         AND ${kindWhere(kind, 'w')} ${conds.map((c) => `AND ${c}`).join(' ')})`,
        )
        .run(winner.id, createdBy, covered.id, winner.id).changes;
      if (inserted === 0) continue;
      db.prepare(
        `UPDATE usage_facts SET counts_tokens = 0 WHERE counts_tokens <> 0 AND id IN
           (SELECT fact_id FROM token_supersessions WHERE superseding_batch_id = ?) AND batch_id = ?`,
      ).run(winner.id, covered.id);
      const summary = db
        .prepare(
          `SELECT f.day AS day, ${MODEL_OF('f')} AS model FROM token_supersessions s JOIN usage_facts f ON f.id = s.fact_id
           WHERE s.superseding_batch_id = ? AND f.batch_id = ? GROUP BY 1, 2 ORDER BY 1, 2`,
        )
        .all(winner.id, covered.id) as Array<{ day: string; model: string }>;
      const count = db
        .prepare(
          `SELECT count(*) FROM token_supersessions s JOIN usage_facts f ON f.id = s.fact_id
           WHERE s.superseding_batch_id = ? AND f.batch_id = ?`,
        )
        .pluck()
        .get(winner.id, covered.id) as number;
      found.push({
        kind,
        winnerBatchId: winner.id,
        coveredBatchId: covered.id,
        days: [...new Set(summary.map((r) => r.day))],
        models: [...new Set(summary.map((r) => r.model))].sort(),
        facts: count,
      });
    }
  }
  return found;
}

/** The providers a batch's facts name (for recordCoverage when re-run at undo time; small batches). */
export function providersOfBatch(db: ReadableDb, batchId: number): string[] {
  return db.prepare('SELECT DISTINCT provider FROM usage_facts WHERE batch_id = ?').pluck().all(batchId) as string[];
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

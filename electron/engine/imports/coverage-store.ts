/**
 * Coverage: two formats of one provider describing the same usage (tokens) or the same bill (money).
 * The finer (usage) or more exact (bills) batch wins; the other's matching facts are recorded in
 * token_supersessions and get counts_tokens = 0, which drops both their tokens and their billed money
 * from every figure. Undo drops what a batch recorded and recounts (batch-store.ts).
 */
import { preparedOnce, type ReadableDb, type WritableDb } from '../ledger/db';
import { MODEL_OF, SAME_MODEL } from '../ledger/facts';

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

/**
 * What two batches can describe twice: `usage` (the tokens of two usage exports), `bill` (the lines of two
 * cost exports), `money` (a usage export that states each row's money, such as DeepSeek's amount CSV with
 * its per-token prices, against a cost-only export of the same bill, such as DeepSeek's cost CSV: the
 * usage rows carry the same money per key, so they stand and the cost lines they cover stop counting).
 */
type Kind = 'usage' | 'bill' | 'money';
type Side = 'usage' | 'bill' | 'billed-usage' | 'cost';
const SIDE_WHERE: Record<Side, string> = {
  usage: "%.line_type = 'usage'",
  bill: "%.line_type IN ('cost', 'credit', 'tax', 'fee') AND %.billed_nano IS NOT NULL",
  'billed-usage': "%.line_type = 'usage' AND %.billed_nano IS NOT NULL",
  cost: "%.line_type = 'cost' AND %.billed_nano IS NOT NULL",
};
const sideWhere = (side: Side, alias: string) => SIDE_WHERE[side].replaceAll('%', alias);

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

/** (day, value) pairs of one dimension among a batch's facts of one side on these days. */
function dimValues(db: ReadableDb, batchId: number, side: Side, column: string, days: ReadonlySet<string>): Set<string> {
  const rows = db
    .prepare(`SELECT DISTINCT f.day AS day, ${column} AS v FROM usage_facts f WHERE f.batch_id = ? AND ${sideWhere(side, 'f')} AND ${column} IS NOT NULL`)
    .all(batchId) as Array<{ day: string; v: string }>;
  const out = new Set<string>();
  for (const r of rows) if (days.has(r.day)) out.add(`${r.day}\u0000${r.v}`);
  return out;
}

function daysOf(db: ReadableDb, batchId: number, side: Side, providers: readonly string[]): Set<string> {
  const rows = db
    .prepare(
      `SELECT DISTINCT f.day AS day FROM usage_facts f WHERE f.batch_id = ? AND ${sideWhere(side, 'f')}
       AND f.provider IN (${providers.map(() => '?').join(', ')})`,
    )
    .pluck()
    .all(batchId, ...providers) as string[];
  return new Set(rows);
}

/** One way two batches can overlap: which side of each is compared, and which batch stands. */
interface Comparison {
  kind: Kind;
  winner: BatchFacts;
  covered: BatchFacts;
  winnerSide: Side;
  coveredSide: Side;
}

/**
 * The dimensions two batches are matched on. A dimension is compared (NULL on either side matching any
 * value) only when the two batches share at least one value of it on a day they both cover; when both
 * state it but never the same value, they name it differently (the Anthropic usage API reports workspace
 * and key ids, the Console CSV their names), so comparing it would never match and would count the same
 * usage twice: it is left out. Usage is always matched on the model; bill lines too unless the two files
 * never share a model name on those days (one file's display names against the other's ids).
 */
function matchColumns(db: ReadableDb, c: Comparison, days: ReadonlySet<string>): string[] {
  const cols = c.kind === 'bill' ? ['model', 'project', 'api_key'] : c.kind === 'usage' ? ['project', 'api_key', 'host'] : ['project', 'api_key'];
  const keep: string[] = c.kind === 'bill' ? [] : ['model'];
  for (const col of cols) {
    const expr = col === 'model' ? `nullif(${MODEL_OF('f')}, '')` : `f.${col}`;
    const va = dimValues(db, c.winner.id, c.winnerSide, expr, days);
    const vb = dimValues(db, c.covered.id, c.coveredSide, expr, days);
    if (va.size === 0 || vb.size === 0) {
      keep.push(col); // NULL on one side matches anything anyway
      continue;
    }
    let shared = false;
    for (const v of va) {
      if (vb.has(v)) {
        shared = true;
        break;
      }
    }
    if (shared) keep.push(col);
  }
  return keep;
}

function ordered(kind: 'usage' | 'bill', a: BatchFacts, b: BatchFacts): Comparison {
  const rank = (x: BatchFacts) => (kind === 'usage' ? (GRAIN_RANK[x.grain ?? 'day'] ?? 2) : (BILL_SOURCE_RANK[x.format] ?? 1));
  const ra = rank(a);
  const rb = rank(b);
  const [winner, covered] = ra !== rb ? (ra < rb ? [a, b] : [b, a]) : a.id < b.id ? [a, b] : [b, a];
  return { kind, winner, covered, winnerSide: kind, coveredSide: kind };
}

/**
 * The ways batch `me` and `other` may overlap. Two request-grain sources are never compared by day and
 * model: each fact names its request (OpenRouter's generation id), so the same request is one fact by
 * its identity, and two different requests of one day and model are two.
 */
function comparisons(me: BatchFacts, other: BatchFacts): Comparison[] {
  const out: Comparison[] = [];
  if (!(me.grain === 'request' && other.grain === 'request')) out.push(ordered('usage', me, other));
  out.push(ordered('bill', me, other));
  out.push({ kind: 'money', winner: me, covered: other, winnerSide: 'billed-usage', coveredSide: 'cost' });
  out.push({ kind: 'money', winner: other, covered: me, winnerSide: 'billed-usage', coveredSide: 'cost' });
  return out;
}

const MODEL_COND: Record<Kind, string> = {
  usage: SAME_MODEL('w', 'l'),
  money: `(${MODEL_OF('w')} = '' OR ${MODEL_OF('l')} = '' OR ${SAME_MODEL('w', 'l')})`,
  bill: `(${MODEL_OF('w')} = '' OR ${MODEL_OF('l')} = '' OR ${SAME_MODEL('w', 'l')})`,
};

/** Above this many committed batches of other formats, they are found from the facts of the days instead of one by one. */
const FEW_OTHER_BATCHES = 200;

/**
 * Committed batches of another format with facts of these providers on these days (whatever their file's
 * main provider). When there are few such batches (the usual case: many files of one agent's log), each is
 * asked through its (batch, day) index; reading the facts of the days instead would read every fact the
 * earlier files of the same format put on them, over and over across a folder of sessions.
 */
function candidateBatches(db: WritableDb, me: BatchFacts, providers: readonly string[], days: readonly string[]): BatchFacts[] {
  const CHUNK = 400;
  const others = preparedOnce(db, `SELECT count(*) FROM import_batches WHERE status = 'committed' AND format <> ? AND id <> ?`, 'pluck').get(me.format, me.id) as number;
  if (others === 0 || days.length === 0) return [];
  const providerList = providers.map(() => '?').join(', ');
  const ids = new Set<number>();
  for (let i = 0; i < days.length; i += CHUNK) {
    const part = days.slice(i, i + CHUNK);
    const dayList = part.map(() => '?').join(', ');
    const rows = (
      others <= FEW_OTHER_BATCHES
        ? db
            .prepare(
              `SELECT b.id FROM import_batches b WHERE b.status = 'committed' AND b.format <> ? AND b.id <> ?
               AND EXISTS (SELECT 1 FROM usage_facts f WHERE f.batch_id = b.id AND f.day IN (${dayList}) AND f.provider IN (${providerList}))`,
            )
            .pluck()
            .all(me.format, me.id, ...part, ...providers)
        : db
            .prepare(`SELECT DISTINCT batch_id FROM usage_facts WHERE provider IN (${providerList}) AND day IN (${dayList}) AND batch_id <> ?`)
            .pluck()
            .all(...providers, ...part, me.id)
    ) as number[];
    for (const id of rows) ids.add(Number(id));
  }
  if (ids.size === 0) return [];
  return db
    .prepare(
      `SELECT id, format, grain FROM import_batches WHERE status = 'committed' AND format <> ?
       AND id IN (${[...ids].map(() => '?').join(', ')}) ORDER BY id`,
    )
    .all(me.format, ...ids) as BatchFacts[];
}

/** Record one comparison's covered facts; what it found, or null when nothing. */
function recordComparison(db: WritableDb, c: Comparison, providers: readonly string[], createdBy: number): CoverageFound | null {
  const winnerDays = daysOf(db, c.winner.id, c.winnerSide, providers);
  const coveredDays = daysOf(db, c.covered.id, c.coveredSide, providers);
  const days = new Set([...winnerDays].filter((d) => coveredDays.has(d)));
  if (days.size === 0) return null;
  const conds = matchColumns(db, c, days).map((col) => (col === 'model' ? MODEL_COND[c.kind] : `(w.${col} IS NULL OR l.${col} IS NULL OR w.${col} = l.${col})`));
  if (c.kind === 'bill') conds.push('w.line_type = l.line_type');
  const inserted = db
    .prepare(
      `INSERT OR IGNORE INTO token_supersessions (superseding_batch_id, fact_id, created_by_batch_id)
       SELECT ?, l.id, ? FROM usage_facts l
       WHERE l.batch_id = ? AND ${sideWhere(c.coveredSide, 'l')}
         AND EXISTS (SELECT 1 FROM usage_facts w WHERE w.batch_id = ? AND w.day = l.day AND w.provider = l.provider
                     AND ${sideWhere(c.winnerSide, 'w')} ${conds.map((x) => `AND ${x}`).join(' ')})`,
    )
    .run(c.winner.id, createdBy, c.covered.id, c.winner.id).changes;
  if (inserted === 0) return null;
  db.prepare(
    `UPDATE usage_facts SET counts_tokens = 0 WHERE counts_tokens <> 0 AND id IN
       (SELECT fact_id FROM token_supersessions WHERE superseding_batch_id = ?) AND batch_id = ?`,
  ).run(c.winner.id, c.covered.id);
  const summary = db
    .prepare(
      `SELECT f.day AS day, ${MODEL_OF('f')} AS model FROM token_supersessions s JOIN usage_facts f ON f.id = s.fact_id
       WHERE s.superseding_batch_id = ? AND f.batch_id = ? AND ${sideWhere(c.coveredSide, 'f')} GROUP BY 1, 2 ORDER BY 1, 2`,
    )
    .all(c.winner.id, c.covered.id) as Array<{ day: string; model: string }>;
  const count = db
    .prepare(
      `SELECT count(*) FROM token_supersessions s JOIN usage_facts f ON f.id = s.fact_id
       WHERE s.superseding_batch_id = ? AND f.batch_id = ? AND ${sideWhere(c.coveredSide, 'f')}`,
    )
    .pluck()
    .get(c.winner.id, c.covered.id) as number;
  return {
    kind: c.kind,
    winnerBatchId: c.winner.id,
    coveredBatchId: c.covered.id,
    days: [...new Set(summary.map((r) => r.day))],
    models: [...new Set(summary.map((r) => r.model))].sort(),
    facts: count,
  };
}

/**
 * Find and record what batch `batchId` overlaps: for each committed batch of another format with facts of
 * the same providers on the same days, the finer (usage) or more exact (bills) batch wins, and a usage
 * export that states its money wins over the cost-only export of the same bill; the other's matching facts
 * are recorded in token_supersessions and get counts_tokens = 0 (which drops both their tokens and their
 * billed money from every total). `providers` are the providers this batch's facts name (collected while
 * importing; a 1M-row batch is not scanned to learn them).
 */
export function recordCoverage(db: WritableDb, batchId: number, providers: readonly string[], createdBy: number = batchId, sides?: CoverageSides): CoverageFound[] {
  const me = preparedOnce(db, 'SELECT id, format, grain FROM import_batches WHERE id = ?').get(batchId) as BatchFacts | undefined;
  if (!me || providers.length === 0) return [];
  const myDays = preparedOnce(db, 'SELECT DISTINCT day FROM usage_facts WHERE batch_id = ?', 'pluck').all(batchId) as string[];
  const found: CoverageFound[] = [];
  for (const other of candidateBatches(db, me, providers, myDays)) {
    for (const c of comparisons(me, other)) {
      const f = recordComparison(db, c, providers, createdBy);
      if (f) found.push(f);
    }
  }
  found.push(...recordLogCoverage(db, batchId, createdBy, myDays, providers, sides));
  return found;
}

/**
 * What an import saw of a batch's facts (classify.ts notes every fact it writes), enough to know without
 * reading them that a side of recordLogCoverage finds nothing: the providers its log facts say bill them
 * (usage facts whose billed_by is another provider), and whether it has a usage fact its own provider bills.
 */
export interface CoverageSides {
  logBilledBy: Set<string>;
  selfBilledUsage: boolean;
}

export const emptyCoverageSides = (): CoverageSides => ({ logBilledBy: new Set(), selfBilledUsage: false });

/** One written fact into its batch's sides. */
export function noteCoverageSide(sides: CoverageSides, provider: string, billedBy: string | null, lineType: string): void {
  if (lineType !== 'usage') return;
  if (billedBy !== null && billedBy !== provider) sides.logBilledBy.add(billedBy);
  else sides.selfBilledUsage = true;
}

/**
 * Whether a log batch's facts can find their provider's usage (the log side of logPairs): only where the
 * ledger has a usage fact of a provider that bills them on one of the batch's days. A probe per (day,
 * provider) through the day index, instead of reading every fact of the batch (most folders of agent logs
 * hold none of their provider's own usage).
 */
function providerUsageOnDays(db: WritableDb, days: readonly string[], providers: ReadonlySet<string>): boolean {
  const probe = preparedOnce(
    db,
    `SELECT 1 FROM usage_facts w WHERE w.day = ? AND w.provider = ? AND w.line_type = 'usage' AND coalesce(w.billed_by, w.provider) = w.provider LIMIT 1`,
  );
  for (const p of providers) for (const d of days) if (probe.get(d, p) !== undefined) return true;
  return false;
}

/**
 * Whether the ledger holds a log fact billed by one of `providers` on one of `days` (the usage side of
 * logPairs): an agent's or a gateway's usage fact whose billed_by is that provider and whose own provider is
 * another. Two probes per (day, provider) through the day index, over the other providers' facts only
 * (below and above it), instead of reading every fact of the batch and every fact of its days (1M rows of
 * a provider's export on days that hold no log: 0.6-1.0 s).
 */
function logsOnDays(db: WritableDb, days: readonly string[], providers: readonly string[]): boolean {
  const probe = (side: '<' | '>') =>
    preparedOnce(db, `SELECT 1 FROM usage_facts l WHERE l.day = ? AND l.provider ${side} ? AND l.line_type = 'usage' AND l.billed_by = ? LIMIT 1`);
  const [below, above] = [probe('<'), probe('>')];
  for (const p of providers) for (const d of days) if (below.get(d, p, p) !== undefined || above.get(d, p, p) !== undefined) return true;
  return false;
}

/**
 * An agent's or a gateway's log (a fact whose `billed_by` is another provider: Claude Code's calls billed by
 * Anthropic, LiteLLM's routed to OpenAI) describes calls the provider's own usage source also counts. Where
 * that source names the same provider, day and model, the source stands (as a bill stands for the log's
 * money, facts.ts coveredByBill) and the log's facts are superseded: their tokens and money add nothing.
 * Either side may be the batch just imported.
 */
function recordLogCoverage(db: WritableDb, batchId: number, createdBy: number, myDays: readonly string[], providers: readonly string[], sides?: CoverageSides): CoverageFound[] {
  // One query per side, so that each reads the batch through its index rather than the whole ledger; a side
  // the import's own tally shows cannot match is not read at all.
  const asLog = !sides || (sides.logBilledBy.size > 0 && providerUsageOnDays(db, myDays, sides.logBilledBy));
  const asUsage = !sides || (sides.selfBilledUsage && logsOnDays(db, myDays, providers));
  const pairs = [...(asLog ? logPairs(db, 'l', batchId) : []), ...(asUsage ? logPairs(db, 'w', batchId) : [])];
  const insert = preparedOnce(db, 'INSERT OR IGNORE INTO token_supersessions (superseding_batch_id, fact_id, created_by_batch_id) VALUES (?, ?, ?)');
  const mute = preparedOnce(db, 'UPDATE usage_facts SET counts_tokens = 0 WHERE id = ? AND counts_tokens <> 0');
  const byPair = new Map<string, CoverageFound>();
  for (const p of pairs) {
    if (insert.run(p.winner, p.fact, createdBy).changes === 0) continue;
    mute.run(p.fact);
    const key = `${p.winner} ${p.covered}`;
    const f = byPair.get(key) ?? { kind: 'usage', winnerBatchId: p.winner, coveredBatchId: p.covered, days: [], models: [], facts: 0 };
    if (!f.days.includes(p.day)) f.days.push(p.day);
    if (!f.models.includes(p.model)) f.models.push(p.model);
    f.facts += 1;
    byPair.set(key, f);
  }
  return [...byPair.values()].map((f) => ({ ...f, days: f.days.sort(), models: f.models.sort() }));
}

interface LogPair {
  winner: number;
  covered: number;
  fact: number;
  day: string;
  model: string;
}

const COMMITTED = "(SELECT id FROM import_batches WHERE status = 'committed')";
const LOG_PAIR_MATCH = `l.line_type = 'usage' AND l.billed_by IS NOT NULL AND l.billed_by <> l.provider AND l.batch_id IN ${COMMITTED}
  AND w.provider = l.billed_by AND w.day = l.day AND w.line_type = 'usage' AND coalesce(w.billed_by, w.provider) = w.provider
  AND w.batch_id IN ${COMMITTED} AND ${SAME_MODEL('w', 'l')}`;
const LOG_PAIR_COLUMNS = `w.batch_id AS winner, l.batch_id AS covered, l.id AS fact, l.day AS day, ${MODEL_OF('l')} AS model`;

/**
 * (usage batch, log batch, log fact) where a provider's usage fact names the log fact's provider, day and
 * model; `side` says which holds the batch given. On the usage side only the batch's facts a provider
 * bills itself can stand (so a log's own batch reads no other log's facts of its days). The join order is spelled out (CROSS JOIN) so that a large
 * batch is read once through its index: a log's facts look up the provider's rows of their day, a usage
 * export's (provider, day) pairs look up the facts of that day.
 */
function logPairs(db: WritableDb, side: 'l' | 'w', batchId: number): LogPair[] {
  const query =
    side === 'l'
      ? `SELECT ${LOG_PAIR_COLUMNS} FROM usage_facts l CROSS JOIN usage_facts w
         WHERE l.batch_id = ? AND ${LOG_PAIR_MATCH} GROUP BY 1, 2, 3`
      : `SELECT ${LOG_PAIR_COLUMNS}
         FROM (SELECT DISTINCT batch_id, provider, day FROM usage_facts
               WHERE batch_id = ? AND line_type = 'usage' AND coalesce(billed_by, provider) = provider) d
         CROSS JOIN usage_facts l CROSS JOIN usage_facts w
         WHERE l.day = d.day AND l.billed_by = d.provider AND w.batch_id = d.batch_id AND ${LOG_PAIR_MATCH} GROUP BY 1, 2, 3`;
  return preparedOnce(db, query).all(batchId) as LogPair[];
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

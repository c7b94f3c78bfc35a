/**
 * What the ledger can carry. Money is INTEGER nano-units and every report, budget and tip sums it in
 * SQLite, whose SUM fails ("integer overflow") past 2^63-1. Rather than let a report fail for ever on
 * what an import accepted, the import refuses the amount that would make any such sum possible to
 * overflow: per currency, every fact's largest absolute amount in that currency (bill, recorded cost or
 * estimate: each SUM is of one of them) adds up to at most 2^63-1 nano-units (9,223,372,036.85 units),
 * and so do all token and request counts together. Any sum a report takes over a subset of the facts is
 * then bounded by those totals. (A ledger in a currency of small units, such as VND, reaches it sooner.)
 *
 * The ledger's totals are read once per import, inside its write transaction, and grow with each fact
 * the import keeps; a fact that would cross a bound is a row error naming its file, line and field,
 * under the import's abort / skip choice. Duplicates and revisions count again (the check errs on the
 * safe side near the bound, never past it).
 */
import type { ImportRowIssue } from '../../../shared/contract/types';
import { formatAmount } from '../../../shared/domain/money';
import { said } from '../../../shared/i18n/said';
import { allBig } from '../ledger/db';
import { LEDGER_MAX, moneyCarried } from '../ledger/capacity';
import { COL } from '../ledger/facts';
import { sql, type SqlValue } from '../ledger/sql';
import { factAt, rowOffsets, valueAt, withoutRows, type FactRows } from './fact-rows';
import { rowMessage, type ParsedChunk } from './parse';

export { LEDGER_MAX };

const MONEY = [
  { nano: COL.billed_nano, currency: COL.billed_currency, field: 'cost' },
  { nano: COL.recorded_nano, currency: COL.recorded_currency, field: 'recorded cost' },
  { nano: COL.estimated_nano, currency: COL.estimated_currency, field: 'estimated cost' },
] as const;

const COUNTS = [COL.input, COL.cache_read, COL.cache_write_5m, COL.cache_write_1h, COL.output, COL.reasoning, COL.requests];

const abs = (v: bigint) => (v < 0n ? -v : v);

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** An amount's absolute value as a number when it is a safe integer (amounts are bigints or numbers), else -1. */
function safeAbs(v: SqlValue): number {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? Math.abs(v) : -1;
  if (typeof v !== 'bigint' || v > SAFE || v < -SAFE) return -1;
  return Math.abs(Number(v));
}

/** Per currency, the absolute nano-units the ledger holds; and its token and request counts. */
function ledgerTotals(db: Parameters<typeof allBig>[0]): { money: Map<string, bigint>; counts: bigint } {
  // Each count is at most 2^53 (a fact's counts are safe integers); their sum as a float only picks the bound's side.
  const counts = allBig<{ n: number | null }>(
    db,
    sql.raw('SELECT total(input) + total(cache_read) + total(cache_write_5m) + total(cache_write_1h) + total(output) + total(reasoning) + total(requests) AS n FROM usage_facts'),
  )[0]?.n;
  return { money: moneyCarried(db), counts: BigInt(Math.ceil(Number(counts ?? 0))) };
}

export class LedgerCapacity {
  private readonly money: Map<string, bigint>;
  private counts: bigint;

  constructor(db: Parameters<typeof allBig>[0]) {
    const t = ledgerTotals(db);
    this.money = t.money;
    this.counts = t.counts;
  }

  /**
   * Whether the whole chunk fits, its amounts then counted: what admitFact fact by fact would decide, as
   * every amount and count is non-negative (if the totals after the chunk fit, so do those after each of
   * its facts). Summed as floats while every partial sum is a safe integer, so exactly; a chunk holding
   * anything larger, or that does not fit, is left to admitFact (false, nothing counted). A fact by fact
   * check cost ~1.3 µs a fact, in BigInt arithmetic.
   */
  private admitAll(rows: FactRows, pos: readonly number[]): boolean {
    const money = new Map<string, number>();
    let counts = 0;
    const curs: string[] = [];
    const amounts: number[] = [];
    for (let i = 0; i < rows.count; i++) {
      // The fact's largest amount per currency (as admitFact adds it).
      let n = 0;
      for (const m of MONEY) {
        const v = valueAt(rows, pos, i, m.nano);
        if (v === null) continue;
        const a = safeAbs(v);
        if (a < 0) return false;
        const cur = valueAt(rows, pos, i, m.currency) as string;
        let j = 0;
        while (j < n && curs[j] !== cur) j++;
        if (j === n) {
          curs[n] = cur;
          amounts[n++] = a;
        } else if (a > amounts[j]!) amounts[j] = a;
      }
      for (let j = 0; j < n; j++) {
        const sum = (money.get(curs[j]!) ?? 0) + amounts[j]!;
        if (sum > Number.MAX_SAFE_INTEGER) return false;
        money.set(curs[j]!, sum);
      }
      for (const c of COUNTS) {
        const v = valueAt(rows, pos, i, c) as number;
        if (!(v >= 0)) return false;
        counts += v;
      }
      if (counts > Number.MAX_SAFE_INTEGER) return false;
    }
    if (this.counts + BigInt(counts) > LEDGER_MAX) return false;
    for (const [cur, sum] of money) if ((this.money.get(cur) ?? 0n) + BigInt(sum) > LEDGER_MAX) return false;
    this.counts += BigInt(counts);
    for (const [cur, sum] of money) this.money.set(cur, (this.money.get(cur) ?? 0n) + BigInt(sum));
    return true;
  }

  /** The issue that keeps fact `i` out of the ledger, or null (and then its amounts are counted). */
  private admitFact(rows: FactRows, pos: readonly number[], i: number, file: string): ImportRowIssue | null {
    const at = (c: number): SqlValue => valueAt(rows, pos, i, c);
    // A fact adds its largest amount in a currency: every sum a report takes is of one of its amounts.
    // (At most one entry per money column: a list, not a map per fact.)
    const adds: Array<[string, bigint]> = [];
    for (const m of MONEY) {
      const v = at(m.nano);
      if (v === null) continue;
      const cur = at(m.currency) as string;
      const amount = abs(BigInt(v as bigint | number));
      const held = this.money.get(cur) ?? 0n;
      const added = adds.find((a) => a[0] === cur);
      const grows = added && added[1] > amount ? added[1] : amount;
      if (amount > LEDGER_MAX) {
        return { file, line: Number(at(COL.source_line)), field: m.field, ...rowMessage(said('engine.row.amountTooLarge', { amount: formatAmount(BigInt(v as bigint | number)), currency: cur, max: formatAmount(LEDGER_MAX) })) };
      }
      if (held + grows > LEDGER_MAX) {
        return {
          file,
          line: Number(at(COL.source_line)),
          field: m.field,
          ...rowMessage(said('engine.row.amountsOverflow', { amount: formatAmount(BigInt(v as bigint | number)), currency: cur, max: formatAmount(LEDGER_MAX), held: formatAmount(held) })),
        };
      }
      if (added) added[1] = grows;
      else adds.push([cur, grows]);
    }
    // The counts (non-negative safe integers) summed as a float while every partial sum stays exact, below
    // 2^53; in bigint past it.
    let [sum, negative] = [0, false];
    for (const c of COUNTS) {
      const v = at(c) as number;
      if (v < 0) negative = true;
      sum += v;
    }
    let counts: bigint;
    if (sum <= Number.MAX_SAFE_INTEGER && !negative) counts = BigInt(sum);
    else {
      counts = 0n;
      for (const c of COUNTS) counts += BigInt(at(c) as number);
    }
    if (this.counts + counts > LEDGER_MAX) {
      return { file, line: Number(at(COL.source_line)), field: 'tokens', ...rowMessage(said('engine.row.countsOverflow', { counts: String(counts), max: String(LEDGER_MAX) })) };
    }
    this.counts += counts;
    for (const [cur, v] of adds) this.money.set(cur, (this.money.get(cur) ?? 0n) + v);
    return null;
  }

  /** The facts of a chunk the ledger can take (`rows` itself when all), and an issue per fact it cannot. */
  admit(rows: FactRows, file: string): { rows: FactRows; issues: ImportRowIssue[]; refused: number[] } {
    const pos = rowOffsets(rows);
    if (this.admitAll(rows, pos)) return { rows, issues: [], refused: [] };
    const issues: ImportRowIssue[] = [];
    const refused: number[] = [];
    for (let i = 0; i < rows.count; i++) {
      const issue = this.admitFact(rows, pos, i, file);
      if (issue) {
        issues.push(issue);
        refused.push(i);
      }
    }
    return { rows: refused.length === 0 ? rows : withoutRows(rows, new Set(refused)), issues, refused };
  }
}

/**
 * Keep out of a parsed chunk the facts the ledger cannot carry: each is a row issue of the chunk, and
 * leaves the chunk's facts and its preview totals.
 */
export function admitChunk(capacity: LedgerCapacity, chunk: ParsedChunk, file: string): void {
  const r = capacity.admit(chunk.facts, file);
  if (r.issues.length === 0) return;
  for (const i of r.refused) {
    const f = factAt(chunk.facts, i);
    const model = f.model ?? f.modelRaw ?? '(no model)';
    const currency = f.billed?.currency ?? null;
    const t = chunk.totals.find((g) => g.provider === f.provider && g.model === model && g.currency === currency);
    if (!t) continue;
    for (const k of Object.keys(t.tokens) as (keyof typeof t.tokens)[]) t.tokens[k] -= f.tokens[k];
    t.requests -= f.requests;
    t.facts--;
    if (f.billed && t.nano !== null) t.nano -= f.billed.nano;
  }
  chunk.totals = chunk.totals.filter((t) => t.facts > 0);
  chunk.facts = r.rows;
  chunk.issueCount += r.issues.length;
  chunk.issues.push(...r.issues);
}

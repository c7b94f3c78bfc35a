/**
 * The dashboard's reports (issue 5): totals, Overview, Explore, the facts behind a cell, backup/restore.
 * Groups come from repos/report-query.ts (rollups for UTC days, raw facts bucketed by local day in
 * another time zone); native amounts per currency are kept, and their sum is converted to the display
 * currency with loadFxTable(db) at the rates in force on the view's last day (shown with each figure).
 */
import { existsSync, statSync } from 'node:fs';
import type { ApiHandlers } from '../../../shared/contract/client';
import type { AmountsByCurrency } from '../../../shared/contract/types';
import type { DayBasis, DisplayInfo, ReportFact, ViewGroup, ViewTotals } from '../../../shared/contract/api/report';
import { TOKEN_CLASSES, emptyTokens, type TokenCounts } from '../../../shared/domain/fact';
import { convert, FxError, type FxTable } from '../../../shared/domain/fx';
import { formatAmount } from '../../../shared/domain/money';
import {
  addDays,
  bucketOf,
  isUtcZone,
  localDay,
  overviewPeriods,
  runRateForecast,
  type Bucket,
  type Dimension,
} from '../../../shared/domain/aggregate';
import { countFacts, ledgerTotals } from '../db/repos/totals';
import { readSettings } from '../db/repos/settings';
import { loadFxTable } from '../db/repos/fx';
import { aggregate, dailySpend, latestDay, latestDayIn, ledgerFactCount, listFacts, unpricedModels, type AggregateRow, type Filters } from '../db/repos/report-query';
import { backupLedger, restoreLedger } from '../db/repos/report-file';
import { EngineError } from '../errors';
import type { EngineContext } from './context';

// ---- folding rows (one per currency) into groups -------------------------------------------------

interface Acc {
  keys: (string | null)[];
  bucket: string | null;
  tokens: TokenCounts;
  requests: number;
  facts: number;
  billed: Map<string, bigint>;
  estimated: Map<string, bigint>;
  spend: Map<string, bigint>;
  unpricedTokens: number;
  unpricedFacts: number;
}

function newAcc(keys: (string | null)[], bucket: string | null): Acc {
  return { keys, bucket, tokens: emptyTokens(), requests: 0, facts: 0, billed: new Map(), estimated: new Map(), spend: new Map(), unpricedTokens: 0, unpricedFacts: 0 };
}

function addMoney(m: Map<string, bigint>, currency: string, nano: bigint | null): void {
  if (nano === null || currency === '') return;
  m.set(currency, (m.get(currency) ?? 0n) + nano);
}

function addRow(a: Acc, r: AggregateRow): void {
  for (const c of TOKEN_CLASSES) a.tokens[c] += Number(r[c]);
  a.requests += Number(r.requests);
  a.facts += Number(r.facts);
  addMoney(a.billed, r.currency, r.billed_nano);
  addMoney(a.estimated, r.currency, r.estimated_nano);
  addMoney(a.spend, r.currency, r.spend_nano);
  a.unpricedTokens += Number(r.unpriced_tokens);
  a.unpricedFacts += Number(r.unpriced_facts);
}

/** Fold rows by (bucket, keys). */
function fold(rows: readonly AggregateRow[], bucketFn: (day: string | null) => string | null): Acc[] {
  const groups = new Map<string, Acc>();
  for (const r of rows) {
    const bucket = bucketFn(r.day);
    const k = JSON.stringify([bucket, r.keys]);
    let a = groups.get(k);
    if (!a) groups.set(k, (a = newAcc(r.keys, bucket)));
    addRow(a, r);
  }
  return [...groups.values()];
}

function amounts(m: Map<string, bigint>): AmountsByCurrency {
  const out: AmountsByCurrency = {};
  for (const c of [...m.keys()].sort()) out[c] = formatAmount(m.get(c)!);
  return out;
}

/** Converts native amounts to the display currency at one instant, remembering the rates used. */
class Converter {
  readonly rates = new Map<string, { rate: string; rateDate: string | null }>();
  readonly missing = new Set<string>();
  constructor(
    readonly currency: string,
    readonly at: string,
    private readonly table: FxTable,
  ) {}

  nano(m: Map<string, bigint>): bigint | null {
    let total = 0n;
    let ok = true;
    for (const [c, nano] of m) {
      try {
        const r = convert({ nano, currency: c }, this.currency, Date.parse(`${this.at}T12:00:00Z`), this.table);
        if (c !== this.currency) this.rates.set(c, { rate: r.rate, rateDate: r.rateDate });
        total += r.nano;
      } catch (err) {
        if (!(err instanceof FxError)) throw err;
        this.missing.add(c);
        ok = false;
      }
    }
    return ok ? total : null;
  }

  display(m: Map<string, bigint>): string | null {
    const n = this.nano(m);
    return n === null ? null : formatAmount(n);
  }

  info(): DisplayInfo {
    return {
      currency: this.currency,
      at: this.at,
      rates: [...this.rates.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([from, r]) => ({ from, to: this.currency, ...r })),
      missing: [...this.missing].sort(),
    };
  }
}

function group(a: Acc, fx: Converter): ViewGroup {
  return {
    keys: a.keys,
    bucket: a.bucket,
    tokens: a.tokens,
    requests: a.requests,
    facts: a.facts,
    spend: amounts(a.spend),
    billed: amounts(a.billed),
    estimated: amounts(a.estimated),
    spendDisplay: fx.display(a.spend),
    unpricedTokens: a.unpricedTokens,
  };
}

function totalsOf(a: Acc, models: string[], fx: Converter): ViewTotals {
  return {
    tokens: a.tokens,
    requests: a.requests,
    billed: amounts(a.billed),
    estimated: amounts(a.estimated),
    spend: amounts(a.spend),
    unpriced: { tokens: a.unpricedTokens, facts: a.unpricedFacts, models },
    facts: a.facts,
    spendDisplay: fx.display(a.spend),
  };
}

function sumAll(rows: readonly AggregateRow[]): Acc {
  const a = newAcc([], null);
  for (const r of rows) addRow(a, r);
  return a;
}

interface ViewOpts {
  timeZone: string;
  currency: string;
}

function viewOpts(ctx: EngineContext, input: { timeZone?: string | undefined; currency?: string | undefined }): ViewOpts {
  const s = readSettings(ctx.db);
  const timeZone = input.timeZone ?? s.timeZone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new EngineError('VALIDATION', `Unknown time zone "${timeZone}"`);
  }
  return { timeZone, currency: input.currency ?? s.displayCurrency };
}

const dayBasis = (tz: string): DayBasis => (isUtcZone(tz) ? 'utc' : 'local');

function todayIn(ctx: EngineContext, tz: string): string {
  return localDay(ctx.now(), tz);
}

// ---- explore ------------------------------------------------------------------------------------

export function exploreReport(
  ctx: EngineContext,
  input: { from?: string | undefined; to?: string | undefined; filters?: Filters | undefined; timeZone?: string | undefined; currency?: string | undefined; groupBy: Dimension[]; bucket: Bucket; weekStart?: 'monday' | 'sunday' | undefined },
) {
  const o = viewOpts(ctx, input);
  const weekStart = input.weekStart ?? readSettings(ctx.db).weekStart;
  const q = { from: input.from, to: input.to, timeZone: o.timeZone, filters: input.filters, groupBy: input.groupBy, byDay: input.bucket !== 'none' };
  const rows = aggregate(ctx.db, q);
  const at = input.to ?? latestDay(ctx.db) ?? todayIn(ctx, o.timeZone);
  const fx = new Converter(o.currency, at, loadFxTable(ctx.db));
  const groups = fold(rows, (d) => (d === null ? null : bucketOf(d, input.bucket, weekStart)))
    .map((a) => group(a, fx))
    .sort((a, b) => (a.bucket ?? '').localeCompare(b.bucket ?? '') || JSON.stringify(a.keys).localeCompare(JSON.stringify(b.keys)));
  const totals = totalsOf(sumAll(rows), unpricedModels(ctx.db, q), fx);
  return {
    from: input.from ?? null,
    to: input.to ?? null,
    timeZone: o.timeZone,
    dayBasis: dayBasis(o.timeZone),
    groupBy: input.groupBy,
    bucket: input.bucket,
    display: fx.info(),
    rows: groups,
    totals,
  };
}

// ---- overview -----------------------------------------------------------------------------------

const TOP = 8;

export function overviewReport(ctx: EngineContext, input: { today?: string | undefined; timeZone?: string | undefined; currency?: string | undefined }) {
  const o = viewOpts(ctx, input);
  const today = input.today ?? todayIn(ctx, o.timeZone);
  const latest = latestDayIn(ctx.db, o.timeZone);
  const p = overviewPeriods(today, latest);
  const fx = new Converter(o.currency, p.current.to, loadFxTable(ctx.db));
  const base = { timeZone: o.timeZone };
  const cur = { ...base, from: p.current.from, to: p.current.to };
  const prev = { ...base, from: p.previous.from, to: p.previous.to };

  // Two scans (this period by day, the comparison period) at the narrow rollup's grain, folded here into
  // every breakdown the Overview shows: fewer passes over the rollups than one query per breakdown.
  // In a whole-hour zone other than UTC, local days come from hourly rows: there the daily chart reads
  // the slim rollup_hourly_spend (dailySpend), and this period's breakdowns need no day, so they read
  // rollup_narrow for the UTC days inside the period and hourly rows only at its edges.
  const OVERVIEW_DIMS = ['vendor', 'origin_region', 'model', 'project', 'model_raw'] as const;
  const pick = (rows: AggregateRow[], ...idx: number[]) => rows.map((r) => ({ ...r, keys: idx.map((i) => r.keys[i] ?? null) }));
  const slimDaily = dailySpend(ctx.db, cur);
  const curRows = aggregate(ctx.db, { ...cur, groupBy: OVERVIEW_DIMS, byDay: slimDaily === null });
  const prevRows = aggregate(ctx.db, { ...prev, groupBy: OVERVIEW_DIMS });
  const byDay: { day: string | null; keys: (string | null)[]; currency: string; spend_nano: bigint | null }[] =
    slimDaily?.map((r) => ({ day: r.day, keys: [r.vendor, r.origin_region], currency: r.currency, spend_nano: r.spend_nano })) ?? pick(curRows, 0, 1);
  const prevRegion = pick(prevRows, 1);
  const models = pick(curRows, 2).map((r) => ({ ...r, day: null }));
  const prevModels = pick(prevRows, 2);
  const projects = pick(curRows, 3).map((r) => ({ ...r, day: null }));
  const prevProjects = pick(prevRows, 3);
  /** As unpricedModels(): the model (or raw name when unresolved) of rows with unpriced usage. */
  const unpriced = (rows: AggregateRow[]) =>
    [...new Set(rows.filter((r) => r.unpriced_facts > 0n).map((r) => r.keys[2] ?? r.keys[4] ?? '(no model)'))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const totals = totalsOf(sumAll(curRows), unpriced(curRows), fx);
  const previousTotals = totalsOf(sumAll(prevRows), unpriced(prevRows), fx);

  const shares = (rows: AggregateRow[], prevRows: AggregateRow[], top: number) => toShares(rows, prevRows, fx, top);

  const regionRows = pick(curRows, 1).map((r) => ({ ...r, day: null }));
  const regions = shares(regionRows, prevRegion, 10);
  for (const region of ['US', 'CN', 'EU', 'other']) {
    if (!regions.some((r) => r.key === region)) regions.push({ key: region, spend: {}, spendDisplay: fx.display(new Map()), tokens: 0, previousSpendDisplay: null });
  }
  regions.sort((a, b) => ['US', 'CN', 'EU', 'other', null].indexOf(a.key) - ['US', 'CN', 'EU', 'other', null].indexOf(b.key));
  for (const r of regions) {
    if (r.previousSpendDisplay === null && fx.missing.size === 0) r.previousSpendDisplay = '0';
  }

  // Daily spend by vendor and by region, in the display currency.
  const days = new Map<string, { vendor: Map<string, Map<string, bigint>>; region: Map<string, Map<string, bigint>> }>();
  for (const r of byDay) {
    let d = days.get(r.day!);
    if (!d) days.set(r.day!, (d = { vendor: new Map(), region: new Map() }));
    for (const [dim, key] of [
      ['vendor', r.keys[0] ?? '(none)'],
      ['region', r.keys[1] ?? '(none)'],
    ] as const) {
      const m = d[dim];
      let money = m.get(key);
      if (!money) m.set(key, (money = new Map()));
      addMoney(money, r.currency, r.spend_nano);
    }
  }
  const daily: { day: string; byVendor: Record<string, string>; byRegion: Record<string, string> }[] = [];
  const dailyNano: bigint[] = [];
  for (let d = p.current.from; d <= p.current.to; d = addDays(d, 1)) {
    const e = days.get(d);
    const byVendor: Record<string, string> = {};
    const byRegion: Record<string, string> = {};
    let dayTotal = 0n;
    for (const [k, m] of e?.vendor ?? []) {
      const n = fx.nano(m);
      if (n !== null && n !== 0n) byVendor[k] = formatAmount(n);
      dayTotal += n ?? 0n;
    }
    for (const [k, m] of e?.region ?? []) {
      const n = fx.nano(m);
      if (n !== null && n !== 0n) byRegion[k] = formatAmount(n);
    }
    daily.push({ day: d, byVendor, byRegion });
    dailyNano.push(dayTotal);
  }
  const f = p.isCurrentMonth && fx.missing.size === 0 ? runRateForecast(dailyNano, p.daysInMonth) : null;
  return {
    ledgerFacts: ledgerFactCount(ctx.db),
    timeZone: o.timeZone,
    dayBasis: dayBasis(o.timeZone),
    today,
    period: { ...p.current, isCurrentMonth: p.isCurrentMonth, daysElapsed: p.daysElapsed, daysInMonth: p.daysInMonth },
    previous: p.previous,
    display: fx.info(),
    totals,
    previousTotals,
    forecast: f && { point: formatAmount(f.point), low: formatAmount(f.low), high: formatAmount(f.high) },
    regions,
    topModels: shares(models, prevModels, TOP),
    topProjects: shares(projects, prevProjects, TOP),
    daily,
  };
}

function toShares(rows: AggregateRow[], prevRows: AggregateRow[], fx: Converter, top: number) {
  const prevBy = new Map(fold(prevRows, () => null).map((a) => [a.keys[0] ?? null, a]));
  const list = fold(rows, () => null).map((a) => {
    const prev = prevBy.get(a.keys[0] ?? null);
    return {
      key: a.keys[0] ?? null,
      spend: amounts(a.spend),
      spendDisplay: fx.display(a.spend),
      tokens: a.tokens.input + a.tokens.cache_read + a.tokens.cache_write_5m + a.tokens.cache_write_1h + a.tokens.output,
      previousSpendDisplay: prev ? fx.display(prev.spend) : null,
    };
  });
  list.sort((a, b) => Number(b.spendDisplay ?? 0) - Number(a.spendDisplay ?? 0) || b.tokens - a.tokens || String(a.key).localeCompare(String(b.key)));
  return list.slice(0, top);
}

// ---- facts ---------------------------------------------------------------------------------------

export function factsReport(
  ctx: EngineContext,
  input: { from?: string | undefined; to?: string | undefined; filters?: Filters | undefined; timeZone?: string | undefined; offset: number; limit: number },
) {
  const o = viewOpts(ctx, input);
  const page = listFacts(ctx.db, { from: input.from, to: input.to, filters: input.filters, timeZone: o.timeZone, offset: input.offset, limit: input.limit });
  const rows: ReportFact[] = page.rows.map((r) => ({
    id: r.id,
    start: new Date(r.start_ms).toISOString(),
    day: r.day,
    granularity: r.granularity,
    provider: r.provider,
    model: r.model,
    modelRaw: r.model_raw,
    vendor: r.vendor,
    originRegion: r.origin_region,
    project: r.project,
    apiKey: r.api_key,
    member: r.member,
    serviceTier: r.service_tier,
    lineType: r.line_type,
    tokens: { input: r.input, cache_read: r.cache_read, cache_write_5m: r.cache_write_5m, cache_write_1h: r.cache_write_1h, output: r.output, reasoning: r.reasoning },
    requests: r.requests,
    countsTokens: r.counts_tokens === 1,
    billed: r.billed_nano === null ? null : formatAmount(r.billed_nano),
    billedCurrency: r.billed_currency,
    estimated: r.estimated_nano === null ? null : formatAmount(r.estimated_nano),
    estimatedCurrency: r.estimated_currency,
    priceStatus: r.price_status,
    format: r.format,
    batchId: r.batch_id,
  }));
  return { total: page.total, offset: input.offset, rows };
}

export const reportHandlers = {
  'report.totals': (input, ctx) => ({
    from: input.from ?? null,
    to: input.to ?? null,
    totals: ledgerTotals(ctx.db, input),
    factCount: countFacts(ctx.db, input),
  }),
  'report.overview': (input, ctx) => overviewReport(ctx, input),
  'report.explore': (input, ctx) => exploreReport(ctx, input),
  'report.facts': (input, ctx) => factsReport(ctx, input),
  'ledger.backup': (input, ctx) => backupLedger(ctx.db, input.path),
  'ledger.restore': (input, ctx) => {
    if (!existsSync(input.path) || !statSync(input.path).isFile()) throw new EngineError('NOT_FOUND', `No backup file at ${input.path}`);
    const result = restoreLedger(ctx.db, ctx.dbPath, input.path);
    ctx.emit('ledger.changed', { reason: 'restore' });
    return result;
  },
  // Only the ledger's own path is ever revealed: the host acts on the event, never on a path from the window.
  'ledger.reveal': (_input, ctx) => {
    ctx.emit('ui.reveal', { path: ctx.dbPath });
    return { path: ctx.dbPath };
  },
} satisfies Partial<ApiHandlers<EngineContext>>;

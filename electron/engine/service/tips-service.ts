/**
 * Tips and KPIs for a month: builds the rules' prepared input from the ledger (repos/tips.ts), with the
 * ledger's price book (built-in + sources + overrides), and runs the pure engine (shared/domain/tips).
 */
import { emptyTokens, type Region, type ServiceTier } from '../../../shared/domain/fact';
import { runTips, type PeriodInfo, type RegionTotals, type TipCell, type TipInput } from '../../../shared/domain/tips';
import { kpiSeries, type KpiMeasures } from '../../../shared/domain/kpi';
import type { KpiGroupBy, KpiReport, TipsReport } from '../../../shared/contract/api/tips';
import type { ReadableDb } from '../db/connection';
import {
  cellDays,
  cellDimsKey,
  cellHours,
  dismissedTips,
  factIdsOfCells,
  kpiRows,
  monthsWithData,
  monthsWithDataFromRollups,
  regionTotals,
  tipCellDays,
  tipUsageDays,
  usageDays,
  type CellDay,
  type CellDayRow,
  type CellDims,
} from '../db/repos/tips';
import { priceBookFor } from './prices-book';
import { preferredCurrency, priceRouteOf } from './pricing';

export function periodInfo(id: string): PeriodInfo {
  const [y, m] = id.split('-').map(Number) as [number, number];
  return { id, start: Date.UTC(y, m - 1, 1), end: Date.UTC(y, m, 1) };
}

export function previousPeriodId(id: string, back = 1): string {
  const [y, m] = id.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 - back, 1));
  return d.toISOString().slice(0, 7);
}

const lastDay = (p: PeriodInfo) => new Date(p.end - 86_400_000).toISOString().slice(0, 10);
const firstDay = (p: PeriodInfo) => new Date(p.start).toISOString().slice(0, 10);

/** The asked month, else the current one when it has data, else the latest month with data. */
export function choosePeriod(db: ReadableDb, asked: string | undefined, now: number, source: TipSource = 'rollup'): { period: string; periods: string[] } {
  const periods = source === 'raw' ? monthsWithData(db) : monthsWithDataFromRollups(db);
  if (asked) return { period: asked, periods };
  const current = new Date(now).toISOString().slice(0, 7);
  return { period: periods.includes(current) || periods.length === 0 ? current : periods[0]!, periods };
}

/** The price-book route of a cell: the catalog's route, with Azure's Data Zone told from the export's geo. */
function routeOf(r: Pick<CellDayRow, 'model_raw' | 'provider' | 'host' | 'inference_geo'>): string {
  const route = priceRouteOf(r.model_raw, r.provider, r.host);
  if (route === 'azure-global' && r.inference_geo?.startsWith('data-zone')) return 'azure-datazone';
  return route;
}

/** Where the cells come from: the tips rollup (default), or the naive GROUP BY over the raw facts. */
export type TipSource = 'rollup' | 'raw';

/** How many evidence fact ids a cell carries (the engine shows at most this many per tip). */
const CELL_FACT_IDS = 200;

const cellKeyOf = (x: Pick<CellDayRow, keyof CellDims>): string =>
  [x.provider, x.model ?? x.model_raw, x.model_raw, x.host, x.inference_geo, x.service_tier, x.context_tier, x.project, x.api_key, x.member, x.billed_currency]
    .map((v) => v ?? '')
    .join('|');

/** A raw-path row as the rollup path reads its rows. */
function fromRaw(r: CellDayRow): CellDay {
  return {
    provider: r.provider,
    model: r.model,
    model_raw: r.model_raw,
    host: r.host,
    inference_geo: r.inference_geo,
    service_tier: r.service_tier,
    context_tier: r.context_tier,
    project: r.project,
    api_key: r.api_key,
    member: r.member,
    billed_currency: r.billed_currency,
    dimsKey: cellDimsKey(r),
    vendor: r.vendor,
    origin_region: r.origin_region,
    day: r.day,
    start: Number(r.start_ms),
    end: Number(r.end_ms),
    input: Number(r.input),
    cache_read: Number(r.cache_read),
    cache_write_5m: Number(r.cache_write_5m),
    cache_write_1h: Number(r.cache_write_1h),
    output: Number(r.output),
    reasoning: Number(r.reasoning),
    requests: Number(r.requests),
    billedNano: r.billed_nano,
    unbilled: Number(r.unbilled),
    timed: r.timed === 1n,
    facts: Number(r.facts),
    hours: null,
    ids: r.ids,
  };
}

/** Fold per-day rows (ordered by day, then dimensions) into cells, exactly as both sources give them. */
function foldCells(rows: readonly CellDay[]): { cells: Map<string, TipCell>; dimsOf: Map<string, Set<string>> } {
  const cells = new Map<string, TipCell>();
  const dimsOf = new Map<string, Set<string>>(); // cell key -> the SQL dimension tuples folded into it
  for (const r of rows) {
    const k = cellKeyOf(r);
    let c = cells.get(k);
    if (!c) {
      const currency = preferredCurrency(r.provider, r.billed_currency) ?? null;
      c = {
        key: [r.provider, r.model ?? r.model_raw, routeOf(r), r.service_tier, r.project, r.api_key, r.member, r.host, r.inference_geo, r.model_raw, r.context_tier, r.billed_currency]
          .map((v) => v ?? '')
          .join('|'),
        provider: r.provider,
        model: r.model,
        modelRaw: r.model_raw,
        vendor: r.vendor,
        originRegion: (r.origin_region as Region | null) ?? null,
        host: r.host,
        inferenceGeo: r.inference_geo,
        route: routeOf(r),
        serviceTier: r.service_tier as ServiceTier,
        contextTier: r.context_tier,
        project: r.project,
        apiKey: r.api_key,
        member: r.member,
        currency,
        tokens: emptyTokens(),
        requests: 0,
        billedNano: 0n,
        factIds: [],
        factCount: 0,
        slices: [],
        hourTokens: Array.from({ length: 24 }, () => 0),
      };
      cells.set(k, c);
      dimsOf.set(k, new Set());
    }
    dimsOf.get(k)!.add(r.dimsKey);
    const tokens = { input: r.input, cache_read: r.cache_read, cache_write_5m: r.cache_write_5m, cache_write_1h: r.cache_write_1h, output: r.output, reasoning: r.reasoning };
    const t = c.tokens;
    t.input += r.input;
    t.cache_read += r.cache_read;
    t.cache_write_5m += r.cache_write_5m;
    t.cache_write_1h += r.cache_write_1h;
    t.output += r.output;
    t.reasoning += r.reasoning;
    c.requests += r.requests;
    c.billedNano = c.billedNano === null || r.unbilled > 0 || r.billedNano === null ? null : c.billedNano + r.billedNano;
    c.factCount += r.facts;
    if (r.ids !== null) for (const id of r.ids.split(',')) if (c.factIds.length < CELL_FACT_IDS) c.factIds.push(Number(id));
    if (r.hours) for (let h = 0; h < 24; h++) c.hourTokens[h]! += r.hours[h]!;
    c.slices.push({ day: r.day, start: r.start, end: r.end, tokens, requests: r.requests, timed: r.timed });
  }
  return { cells, dimsOf };
}

/**
 * The period's cells. From the rollup: one indexed read of rollup_tip_cells, then the evidence ids (the
 * first CELL_FACT_IDS of each cell by day and id) read from usage_facts only on the days that hold them,
 * and only when `withIds` (the previous period's cells are never evidence). From 'raw': the GROUP BY
 * over the facts (the reference the rollup path is tested and benchmarked against).
 */
export function buildCells(db: ReadableDb, p: PeriodInfo, opts: { source?: TipSource; withIds?: boolean } = {}): TipCell[] {
  if (opts.source === 'raw') {
    const from = firstDay(p);
    const to = lastDay(p);
    const { cells } = foldCells(cellDays(db, from, to).map(fromRaw));
    for (const h of cellHours(db, from, to)) {
      const c = cells.get(cellKeyOf(h));
      if (c) c.hourTokens[Number(h.hour)] = Number(h.tokens);
    }
    if (opts.withIds === false) for (const c of cells.values()) c.factIds = [];
    return [...cells.values()];
  }
  const { cells, fillIds } = rollupCells(db, p);
  if (opts.withIds !== false) fillIds(new Map(cells.map((c, i) => [i, Math.min(CELL_FACT_IDS, c.factCount)])));
  return cells;
}

/**
 * The period's cells from the rollup, without ids, and `fillIds(need)`, which gives cell i (by index)
 * its first need.get(i) fact ids in (UTC day, id) order: read from usage_facts only for those cells,
 * on the days that hold them (known from the rollup's per-day fact counts).
 */
function rollupCells(db: ReadableDb, p: PeriodInfo): { cells: TipCell[]; fillIds(need: Map<number, number>): void } {
  const rows = tipCellDays(db, firstDay(p), lastDay(p));
  const folded = foldCells(rows);
  const keys = [...folded.cells.keys()];
  const cells = [...folded.cells.values()];
  return {
    cells,
    fillIds(need) {
      // A cell folds one or more SQL dimension tuples (NULL and '' name the same cell): each tuple gives
      // up to the cell's need, in day order; the cell keeps the first of their union.
      const tupleNeed = new Map<string, number>();
      for (const [i, n] of need) for (const dk of folded.dimsOf.get(keys[i]!)!) tupleNeed.set(dk, n);
      const wanted = new Map<string, { provider: string; want: number }>();
      const days = new Map<string, Set<string>>();
      const seen = new Map<string, number>();
      for (const r of rows) {
        const n = tupleNeed.get(r.dimsKey);
        if (n === undefined) continue;
        const got = seen.get(r.dimsKey) ?? 0;
        if (got >= n) continue;
        seen.set(r.dimsKey, got + r.facts);
        wanted.set(r.dimsKey, { provider: r.provider, want: Math.min(n, got + r.facts) });
        let d = days.get(r.provider);
        if (!d) days.set(r.provider, (d = new Set()));
        d.add(r.day);
      }
      const ids = factIdsOfCells(db, days, wanted);
      for (const [i, n] of need) {
        const tuples = [...folded.dimsOf.get(keys[i]!)!];
        // In the raw pass's order: by day, then by the dimensions (as SQLite orders them: NULL first,
        // which the key's \u0000 for NULL keeps), then by id.
        const list =
          tuples.length === 1
            ? (ids.get(tuples[0]!) ?? [])
            : tuples
                .flatMap((dk) => (ids.get(dk) ?? []).map((x) => ({ ...x, dk })))
                .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.dk < b.dk ? -1 : a.dk > b.dk ? 1 : a.id - b.id));
        cells[i]!.factIds = list.slice(0, n).map((x) => x.id);
      }
    },
  };
}

function regions(db: ReadableDb, p: PeriodInfo): RegionTotals[] {
  return regionTotals(db, firstDay(p), lastDay(p)).map((r) => ({
    region: (r.region as Region | null) ?? 'unknown',
    currency: r.currency,
    spendNano: r.spend_nano ?? 0n,
    tokens: Number(r.tokens),
  }));
}

export function tipInput(db: ReadableDb, periodId: string, source: TipSource = 'rollup'): TipInput {
  const period = periodInfo(periodId);
  return inputWith(db, period, buildCells(db, period, { source }), source);
}

function inputWith(db: ReadableDb, period: PeriodInfo, cells: TipCell[], source: TipSource): TipInput {
  const previous = periodInfo(previousPeriodId(period.id));
  return {
    period,
    previous,
    cells,
    // The previous period only gives prompt-bloat its baseline: its cells are never evidence.
    previousCells: buildCells(db, previous, { source, withIds: false }),
    regions: regions(db, period),
    previousRegions: regions(db, previous),
    previousDays: (source === 'raw' ? usageDays : tipUsageDays)(db, firstDay(previous), lastDay(previous)),
    book: priceBookFor(db),
  };
}

export function listTips(db: ReadableDb, asked: string | undefined, now: number, source: TipSource = 'rollup'): TipsReport {
  const { period, periods } = choosePeriod(db, asked, now, source);
  const dismissed = dismissedTips(db, period);
  if (source === 'raw') return { period, previousPeriod: previousPeriodId(period), periods, ...runTips(tipInput(db, period, 'raw'), { dismissed }) };
  // Evidence ids in two steps, so only the ids a tip shows are read. The engine takes a tip's ids from its
  // cells in order, up to 200: each cell first carries stand-ins (-(index x 200 + ordinal + 1)) for its
  // first ids; the stand-ins the tips keep name the (cell, ordinal) pairs to read; then the real ids
  // replace them, sorted as the engine sorts them. Same ids as running the engine on real ids.
  const info = periodInfo(period);
  const { cells, fillIds } = rollupCells(db, info);
  cells.forEach((c, i) => (c.factIds = Array.from({ length: Math.min(CELL_FACT_IDS, c.factCount) }, (_, j) => -(i * CELL_FACT_IDS + j + 1))));
  const outcome = runTips(inputWith(db, info, cells, 'rollup'), { dismissed });
  const need = new Map<number, number>();
  for (const t of outcome.tips)
    for (const id of t.evidence.factIds) {
      const n = -id - 1;
      const i = Math.floor(n / CELL_FACT_IDS);
      need.set(i, Math.max(need.get(i) ?? 0, (n % CELL_FACT_IDS) + 1));
    }
  fillIds(need);
  for (const t of outcome.tips)
    t.evidence.factIds = t.evidence.factIds
      .map((id) => {
        const n = -id - 1;
        return cells[Math.floor(n / CELL_FACT_IDS)]!.factIds[n % CELL_FACT_IDS]!;
      })
      .sort((a, b) => a - b);
  return { period, previousPeriod: previousPeriodId(period), periods, ...outcome };
}

export function tipKpis(db: ReadableDb, input: { period?: string | undefined; by: KpiGroupBy; months: number }, now: number): KpiReport {
  const { period } = choosePeriod(db, input.period, now);
  const periods = Array.from({ length: input.months }, (_, i) => previousPeriodId(period, input.months - 1 - i));
  const from = firstDay(periodInfo(periods[0]!));
  const to = lastDay(periodInfo(period));
  const byKey = new Map<string, KpiMeasures>();
  for (const r of kpiRows(db, input.by, from, to)) {
    const k = `${r.month}|${r.grp ?? ''}`;
    let m = byKey.get(k);
    if (!m) {
      m = { period: r.month, group: r.grp, spend: new Map(), usageByCurrency: new Map(), input: 0, cacheRead: 0, cacheWrite: 0, output: 0, reasoning: 0, requests: 0 };
      byKey.set(k, m);
    }
    if (r.currency && r.spend_nano !== null) m.spend.set(r.currency, (m.spend.get(r.currency) ?? 0n) + r.spend_nano);
    if (r.currency) {
      const u = m.usageByCurrency.get(r.currency) ?? { tokens: 0, requests: 0 };
      u.tokens += Number(r.input + r.cache_read + r.cache_write + r.output);
      u.requests += Number(r.requests);
      m.usageByCurrency.set(r.currency, u);
    }
    m.input += Number(r.input);
    m.cacheRead += Number(r.cache_read);
    m.cacheWrite += Number(r.cache_write);
    m.output += Number(r.output);
    m.reasoning += Number(r.reasoning);
    m.requests += Number(r.requests);
  }
  return { by: input.by, periods, period, series: kpiSeries([...byKey.values()], periods) };
}

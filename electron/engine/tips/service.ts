/**
 * Tips and KPIs for a month: builds the rules' prepared input from the ledger (cells.ts, store.ts), with
 * the ledger's price book (built-in + sources + overrides), and runs the pure engine (shared/domain/tips).
 */
import type { KpiGroupBy, KpiReport, TipsReport } from '../../../shared/contract/api/tips';
import type { Region } from '../../../shared/domain/fact';
import { kpiSeries, type KpiMeasures } from '../../../shared/domain/kpi';
import { runTips, type PeriodInfo, type RegionTotals, type TipCell, type TipInput } from '../../../shared/domain/tips';
import { addMonths, utcDay, utcMonthRange } from '../../../shared/domain/time';
import type { ReadableDb } from '../ledger/db';
import { nameGroupsOf, nameMap } from '../names/store';
import { keptWhileUnchanged } from '../ledger/unchanged';
import { priceBookFor } from '../pricing/book';
import { buildCells, CELL_FACT_IDS, periodDays, rollupCells, type TipSource } from './cells';
import { dismissedTips, kpiRows, monthsWithData, monthsWithDataFromRollups, regionTotals, tipUsageDays, usageDays } from './store';


/** A month ('YYYY-MM') as the rules' period: its UTC instants. */
export function periodInfo(id: string): PeriodInfo {
  return { id, ...utcMonthRange(id) };
}

export function previousPeriodId(id: string, back = 1): string {
  return addMonths(id, -back);
}

/** The asked month, else the current one when it has data, else the latest month with data. */
export function choosePeriod(db: ReadableDb, asked: string | undefined, now: number, source: TipSource = 'rollup'): { period: string; periods: string[] } {
  const periods = source === 'raw' ? monthsWithData(db) : monthsWithDataFromRollups(db);
  if (asked) return { period: asked, periods };
  const current = utcDay(now).slice(0, 7);
  return { period: periods.includes(current) || periods.length === 0 ? current : periods[0]!, periods };
}

function regions(db: ReadableDb, p: PeriodInfo): RegionTotals[] {
  const { from, to } = periodDays(p);
  return regionTotals(db, from, to).map((r) => ({
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
  // The texts name projects, keys and members as the reports show them (the user's display names).
  const names = nameMap(db, { project: cells.map((c) => c.project), api_key: cells.map((c) => c.apiKey), member: cells.map((c) => c.member) });
  for (const c of cells) c.names = names;
  return {
    period,
    previous,
    cells,
    // The previous period only gives prompt-bloat its baseline: its cells are never evidence.
    previousCells: buildCells(db, previous, { source, withIds: false }),
    regions: regions(db, period),
    previousRegions: regions(db, previous),
    previousDays: (source === 'raw' ? usageDays : tipUsageDays)(db, periodDays(previous).from, periodDays(previous).to),
    book: priceBookFor(db),
  };
}

/**
 * The month's tips: a function of the ledger and the month alone (dismissals are in the ledger), so kept while
 * the ledger is unchanged (ledger/unchanged.ts): at 10M facts they cost the engine 0.6-1.6 s, which a window
 * opened again, or the Overview's card after the Tips screen, would otherwise pay again.
 */
export function listTips(db: ReadableDb, asked: string | undefined, now: number, source: TipSource = 'rollup'): TipsReport {
  const { period, periods } = choosePeriod(db, asked, now, source);
  if (source === 'raw') return { period, previousPeriod: previousPeriodId(period), periods, ...runTips(tipInput(db, period, 'raw'), { dismissed: dismissedTips(db, period) }) };
  return keptWhileUnchanged(db, `tips.list ${JSON.stringify([period, periods])}`, () => rollupTips(db, period, periods));
}

function rollupTips(db: ReadableDb, period: string, periods: string[]): TipsReport {
  const dismissed = dismissedTips(db, period);
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
  const from = periodDays(periodInfo(periods[0]!)).from;
  const to = periodDays(periodInfo(period)).to;
  const byKey = new Map<string, KpiMeasures>();
  // Ids that share a display name are one project (key, member), as in every report.
  const groups = input.by === 'total' ? null : nameGroupsOf(db, [input.by])(input.by);
  const names: Record<string, string> = {};
  for (const r of kpiRows(db, input.by, from, to)) {
    const grp = r.grp === null || groups === null ? r.grp : groups.keyOf(r.grp);
    const name = grp === null ? null : (groups?.nameOf(grp) ?? null);
    if (grp !== null && name !== null) names[grp] = name;
    const k = `${r.month}|${grp ?? ''}`;
    let m = byKey.get(k);
    if (!m) {
      m = { period: r.month, group: grp, spend: new Map(), usageByCurrency: new Map(), input: 0, cacheRead: 0, cacheWrite: 0, output: 0, reasoning: 0, requests: 0 };
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
  return { by: input.by, periods, period, series: kpiSeries([...byKey.values()], periods), names: input.by === 'total' || Object.keys(names).length === 0 ? {} : { [input.by]: names } };
}

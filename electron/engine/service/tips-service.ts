/**
 * Tips and KPIs for a month: builds the rules' prepared input from the ledger (repos/tips.ts), with the
 * ledger's price book (built-in + sources + overrides), and runs the pure engine (shared/domain/tips).
 */
import { emptyTokens, type Region, type ServiceTier } from '../../../shared/domain/fact';
import { runTips, type PeriodInfo, type RegionTotals, type TipCell, type TipInput } from '../../../shared/domain/tips';
import { kpiSeries, type KpiMeasures } from '../../../shared/domain/kpi';
import type { KpiGroupBy, KpiReport, TipsReport } from '../../../shared/contract/api/tips';
import type { ReadableDb } from '../db/connection';
import { cellDays, cellHours, dismissedTips, kpiRows, monthsWithData, regionTotals, usageDays, type CellDayRow } from '../db/repos/tips';
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
export function choosePeriod(db: ReadableDb, asked: string | undefined, now = Date.now()): { period: string; periods: string[] } {
  const periods = monthsWithData(db);
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

export function buildCells(db: ReadableDb, p: PeriodInfo): TipCell[] {
  const from = firstDay(p);
  const to = lastDay(p);
  const cells = new Map<string, TipCell>();
  const keyOf = (r: Omit<CellDayRow, 'day'> | CellDayRow | Parameters<typeof routeOf>[0] & Record<string, unknown>): string => {
    const x = r as CellDayRow;
    return [x.provider, x.model ?? x.model_raw, x.model_raw, x.host, x.inference_geo, x.service_tier, x.context_tier, x.project, x.api_key, x.member, x.billed_currency].map((v) => v ?? '').join('|');
  };
  for (const r of cellDays(db, from, to)) {
    const k = keyOf(r);
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
    }
    const tokens = {
      input: Number(r.input),
      cache_read: Number(r.cache_read),
      cache_write_5m: Number(r.cache_write_5m),
      cache_write_1h: Number(r.cache_write_1h),
      output: Number(r.output),
      reasoning: Number(r.reasoning),
    };
    for (const t of Object.keys(tokens) as (keyof typeof tokens)[]) c.tokens[t] += tokens[t];
    c.requests += Number(r.requests);
    c.billedNano = c.billedNano === null || r.unbilled > 0n || r.billed_nano === null ? null : c.billedNano + r.billed_nano;
    c.factCount += Number(r.facts);
    for (const id of r.ids.split(',')) if (c.factIds.length < 200) c.factIds.push(Number(id));
    c.slices.push({ day: r.day, start: Number(r.start_ms), end: Number(r.end_ms), tokens, requests: Number(r.requests), timed: r.timed === 1n });
  }
  for (const h of cellHours(db, from, to)) {
    const c = cells.get(keyOf(h as unknown as CellDayRow));
    if (c) c.hourTokens[Number(h.hour)] = Number(h.tokens);
  }
  return [...cells.values()];
}

function regions(db: ReadableDb, p: PeriodInfo): RegionTotals[] {
  return regionTotals(db, firstDay(p), lastDay(p)).map((r) => ({
    region: (r.region as Region | null) ?? 'unknown',
    currency: r.currency,
    spendNano: r.spend_nano ?? 0n,
    tokens: Number(r.tokens),
  }));
}

export function tipInput(db: ReadableDb, periodId: string): TipInput {
  const period = periodInfo(periodId);
  const previous = periodInfo(previousPeriodId(periodId));
  return {
    period,
    previous,
    cells: buildCells(db, period),
    previousCells: buildCells(db, previous),
    regions: regions(db, period),
    previousRegions: regions(db, previous),
    previousDays: usageDays(db, firstDay(previous), lastDay(previous)),
    book: priceBookFor(db),
  };
}

export function listTips(db: ReadableDb, asked?: string): TipsReport {
  const { period, periods } = choosePeriod(db, asked);
  const outcome = runTips(tipInput(db, period), { dismissed: dismissedTips(db, period) });
  return { period, previousPeriod: previousPeriodId(period), periods, ...outcome };
}

export function tipKpis(db: ReadableDb, input: { period?: string | undefined; by: KpiGroupBy; months: number }): KpiReport {
  const { period } = choosePeriod(db, input.period);
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

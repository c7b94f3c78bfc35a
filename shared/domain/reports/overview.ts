/**
 * The Overview's figures from two reads of the rollups (this period by day, and the comparison period),
 * folded into every breakdown it shows: totals, regions, top models and projects, daily spend by vendor
 * and by region (the month-end forecast is the budgets' forecaster, asked by the engine). Every amount
 * converts at its own day's rate. Fewer passes over the rollups than one query per breakdown.
 */
import type { overviewPeriods } from '../aggregate';
import { formatAmount } from '../money';
import { addDays, daysBetween } from '../time';
import type { Converter } from './display';
import { groupFigures, shares, sumAll, totalsFigures, type AggregateRow } from './fold';

/** The dimensions the Overview's rows are grouped by, in this order. */
export const OVERVIEW_DIMS = ['vendor', 'origin_region', 'model', 'project', 'model_raw', 'line_type'] as const;
const VENDOR = 0;
const REGION = 1;
const MODEL = 2;
const PROJECT = 3;
const MODEL_RAW = 4;
const LINE_TYPE = 5;

/**
 * Credits and refunds that name no region: their own line, never a "Not stated" region (nor a model or a
 * project). A credit on a region's bill (a voucher on a Chinese bill) nets into that region, as in every
 * report and budget, so the Overview's region is the budget of that region.
 */
const isCredit = (r: AggregateRow) => r.keys[LINE_TYPE] === 'credit' && r.keys[REGION] === null;

const REGION_ORDER: readonly (string | null)[] = ['US', 'CN', 'EU', 'other', null];
/** Top models and projects shown. */
const TOP = 8;

/** Spend of one day, vendor and region (the slim hourly rollup gives these directly in a whole-hour zone). */
export interface DaySpendRow {
  day: string | null;
  keys: (string | null)[];
  currency: string;
  spend_nano: bigint | null;
}

/** The model (or raw name when unresolved) of rows with unpriced usage, sorted. */
function unpricedModels(rows: readonly AggregateRow[]): string[] {
  const names = rows.filter((r) => r.unpriced_facts > 0n).map((r) => r.keys[MODEL] ?? r.keys[MODEL_RAW] ?? '(no model)');
  return [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Regions' shares, every region listed (in a fixed order) even without spend. */
function regionShares(curRows: readonly AggregateRow[], prevRows: readonly AggregateRow[], fx: Converter) {
  const regions = shares(curRows, prevRows, fx, 10, REGION);
  for (const region of ['US', 'CN', 'EU', 'other']) {
    if (!regions.some((r) => r.key === region)) regions.push({ key: region, spend: {}, spendDisplay: '0.000000', tokens: 0, previousSpendDisplay: null });
  }
  regions.sort((a, b) => REGION_ORDER.indexOf(a.key) - REGION_ORDER.indexOf(b.key));
  for (const r of regions) if (r.previousSpendDisplay === null && fx.missing.size === 0) r.previousSpendDisplay = '0';
  return regions;
}

/** Spend per day of [from, to] in the display currency, by vendor and by region (each row converted at its day's rate). */
function dailySpend(byDay: readonly DaySpendRow[], from: string, to: string, fx: Converter) {
  /** 'day|vendor|key' or 'day|region|key' -> converted nano (null: a currency without a rate). */
  const sums = new Map<string, bigint | null>();
  const keysOf = new Map<string, { vendor: Set<string>; region: Set<string> }>();
  for (const r of byDay) {
    if (r.spend_nano === null || r.currency === '') continue;
    const v = fx.one(r.day!, r.currency, r.spend_nano);
    let k = keysOf.get(r.day!);
    if (!k) keysOf.set(r.day!, (k = { vendor: new Set(), region: new Set() }));
    for (const [dim, key] of [
      ['vendor', r.keys[VENDOR] ?? '(none)'],
      ['region', r.keys[REGION] ?? '(none)'],
    ] as const) {
      k[dim].add(key);
      const id = `${r.day}|${dim}|${key}`;
      const prev = sums.has(id) ? sums.get(id)! : 0n;
      sums.set(id, prev === null || v === null ? null : prev + v);
    }
  }
  const daily: { day: string; byVendor: Record<string, string>; byRegion: Record<string, string> }[] = [];
  // Counted, not compared as text: a day past 9999 would sort before its predecessor and never end the loop.
  const span = daysBetween(from, to);
  for (let i = 0; i <= span; i++) {
    const d = addDays(from, i);
    const byVendor: Record<string, string> = {};
    const byRegion: Record<string, string> = {};
    for (const [dim, out] of [
      ['vendor', byVendor],
      ['region', byRegion],
    ] as const)
      for (const key of keysOf.get(d)?.[dim] ?? []) {
        const n = sums.get(`${d}|${dim}|${key}`) ?? null;
        if (n !== null && n !== 0n) out[key] = formatAmount(n);
      }
    daily.push({ day: d, byVendor, byRegion });
  }
  return { daily };
}

/**
 * The Overview's figures. `curRows` / `prevRows` are grouped by OVERVIEW_DIMS (`curRows` by day too when
 * `slimDaily` is null); `slimDaily`, when given, is this period's spend per day, vendor and region.
 */
export function overviewFigures(input: {
  period: ReturnType<typeof overviewPeriods>;
  curRows: readonly AggregateRow[];
  prevRows: readonly AggregateRow[];
  slimDaily: readonly DaySpendRow[] | null;
  fx: Converter;
  /** Whether the previous period compares (comparison.ts); if not, no key shows a previous figure. */
  comparable: boolean;
}) {
  const { period: p, curRows, prevRows, fx } = input;
  // In this order: a currency with no rate, met in the totals, decides what the later figures show.
  const totals = totalsFigures(sumAll(curRows, fx), unpricedModels(curRows));
  const previousTotals = totalsFigures(sumAll(prevRows, fx), unpricedModels(prevRows));
  const [cur, prev] = [curRows.filter((r) => !isCredit(r)), prevRows.filter((r) => !isCredit(r))];
  const regions = regionShares(cur, prev, fx);
  const { daily } = dailySpend(input.slimDaily ?? curRows, p.current.from, p.current.to, fx);
  const [curCredits, prevCredits] = [curRows.filter(isCredit), prevRows.filter(isCredit)];
  const credit = groupFigures(sumAll(curCredits, fx));
  const credits = curCredits.length + prevCredits.length === 0 ? null : { spend: credit.spend, spendDisplay: credit.spendDisplay, previousSpendDisplay: groupFigures(sumAll(prevCredits, fx)).spendDisplay };
  const figures = { regions, topModels: shares(cur, prev, fx, TOP, MODEL), topProjects: shares(cur, prev, fx, TOP, PROJECT), credits };
  if (!input.comparable) for (const r of [...figures.regions, ...figures.topModels, ...figures.topProjects, ...(credits ? [credits] : [])]) r.previousSpendDisplay = null;
  return { totals, previousTotals, ...figures, daily };
}

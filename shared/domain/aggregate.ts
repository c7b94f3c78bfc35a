/**
 * Pure helpers for the dashboard's aggregates: the dimensions a view groups and filters by, the
 * metrics it shows, the buckets and date presets of a view, and the month-end run-rate forecast.
 *
 * Days: the ledger stores each fact's UTC day (exports bucket by UTC day). A "local day" in a time zone
 * comes from time.ts; the engine places request- and hour-grain facts on the local day of their start,
 * and keeps day-grain export rows on the day the export names (they cannot be split).
 */
import { TOKEN_CLASSES, type TokenClass, type TokenCounts } from './fact';
import { addDays, addMonths, daysInMonth, monthDays, monthOf, weekStartOf } from './time';

/**
 * Dimensions a view can group by and filter on; each is a column of the ledger and of its rollups, except
 * `model`: the vendor's model with dated snapshots folded into the alias they were served under that day
 * (models.ts reportModel), while `model_id` is the id as the fact carries it; and the team's two: `machine`
 * (whose import brought the fact) and `member` (the person the fact names, else its machine's member).
 */
export const DIMENSIONS = [
  'model',
  'model_id',
  'model_family',
  'vendor',
  'origin_region',
  'host',
  'inference_geo',
  'provider',
  'account',
  'project',
  'api_key',
  'member',
  'machine',
  'service_tier',
  'line_type',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  model: 'Model',
  model_id: 'Model id (as served)',
  model_family: 'Model family',
  vendor: 'Vendor',
  origin_region: 'Origin region',
  host: 'Host',
  inference_geo: 'Inference geo',
  provider: 'Provider',
  account: 'Account',
  project: 'Project',
  api_key: 'API key',
  member: 'Member',
  machine: 'Machine',
  service_tier: 'Service tier',
  line_type: 'Line type',
};

/** Short names the CLI accepts for `--by` besides the column names. */
export const DIMENSION_ALIASES: Record<string, Dimension> = {
  region: 'origin_region',
  snapshot: 'model_id',
  family: 'model_family',
  key: 'api_key',
  tier: 'service_tier',
  geo: 'inference_geo',
};

export function parseDimension(name: string): Dimension | null {
  const n = name.trim().toLowerCase().replace(/-/g, '_');
  if ((DIMENSIONS as readonly string[]).includes(n)) return n as Dimension;
  return DIMENSION_ALIASES[n] ?? null;
}

export const BUCKETS = ['none', 'day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const METRICS = ['spend', 'tokens', 'requests', 'cost_per_mtok', 'cache_read_share'] as const;
export type Metric = (typeof METRICS)[number];
export type TokenMetricClass = 'total' | TokenClass;

/** Tokens billed: every class except reasoning (inside output). */
export function tokenTotal(t: TokenCounts): number {
  return t.input + t.cache_read + t.cache_write_5m + t.cache_write_1h + t.output;
}

/** Share of input-side tokens read from cache, 0..1 (null without input tokens). */
export function cacheReadShare(t: TokenCounts): number | null {
  const inputSide = t.input + t.cache_read + t.cache_write_5m + t.cache_write_1h;
  return inputSide === 0 ? null : t.cache_read / inputSide;
}

/** What a metric needs from a group. `spendDisplay` is a decimal string in the display currency (null: no rate). */
export interface MetricSource {
  tokens: TokenCounts;
  requests: number;
  spendDisplay: string | null;
}

/** A metric's value for sorting and charting (a float: display only, never summed back into money). */
export function metricValue(g: MetricSource, metric: Metric, tokenClass: TokenMetricClass = 'total'): number | null {
  switch (metric) {
    case 'spend':
      return g.spendDisplay === null ? null : Number(g.spendDisplay);
    case 'tokens':
      return tokenClass === 'total' ? tokenTotal(g.tokens) : g.tokens[tokenClass];
    case 'requests':
      return g.requests;
    case 'cost_per_mtok': {
      const t = tokenTotal(g.tokens);
      return g.spendDisplay === null || t === 0 ? null : (Number(g.spendDisplay) / t) * 1_000_000;
    }
    case 'cache_read_share':
      return cacheReadShare(g.tokens);
  }
}

export function addTokens(a: TokenCounts, b: TokenCounts): TokenCounts {
  const out = { ...a };
  for (const c of TOKEN_CLASSES) out[c] += b[c];
  return out;
}

// ---- views over calendar days --------------------------------------------------------------------

/** The bucket label a day falls in. */
export function bucketOf(day: string, bucket: Bucket, weekStart: 'monday' | 'sunday'): string | null {
  if (bucket === 'none') return null;
  if (bucket === 'day') return day;
  if (bucket === 'month') return monthOf(day);
  return weekStartOf(day, weekStart);
}

/** The inclusive day range a bucket label covers (for drilling down from a cell). */
export function bucketRange(label: string, bucket: Exclude<Bucket, 'none'>): { from: string; to: string } {
  if (bucket === 'day') return { from: label, to: label };
  if (bucket === 'week') return { from: label, to: addDays(label, 6) };
  return monthDays(label);
}

export const DATE_PRESETS = ['this-month', 'last-month', 'last-7', 'last-30', 'last-90', 'this-year', 'custom'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

/** The inclusive day range of a preset, relative to `today` (a local day). */
export function presetRange(preset: Exclude<DatePreset, 'custom'>, today: string): { from: string; to: string } {
  const month = monthOf(today);
  switch (preset) {
    case 'this-month':
      return { from: `${month}-01`, to: today };
    case 'last-month': {
      const m = addMonths(month, -1);
      return bucketRange(m, 'month');
    }
    case 'last-7':
      return { from: addDays(today, -6), to: today };
    case 'last-30':
      return { from: addDays(today, -29), to: today };
    case 'last-90':
      return { from: addDays(today, -89), to: today };
    case 'this-year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
  }
}

/**
 * The overview's period: the month asked for (whole when it is over, to date when it is the current
 * one); without one, month to date when the current month has data, otherwise the latest month with data
 * (whole), said so on screen. The comparison is the previous month up to the same day of the month.
 */
export function overviewPeriods(today: string, latestDay: string | null, asked?: string): {
  current: { from: string; to: string; month: string };
  previous: { from: string; to: string; month: string };
  isCurrentMonth: boolean;
  daysElapsed: number;
  daysInMonth: number;
} {
  const thisMonth = monthOf(today);
  const pastMonth = asked !== undefined && asked < thisMonth ? asked : asked === undefined && latestDay !== null && monthOf(latestDay) < thisMonth ? monthOf(latestDay) : null;
  const useLatest = pastMonth !== null;
  const month = pastMonth ?? thisMonth;
  const dim = daysInMonth(month);
  const to = useLatest ? `${month}-${String(dim).padStart(2, '0')}` : today;
  const dayOfMonth = Number(to.slice(8, 10));
  const prevMonth = addMonths(month, -1);
  // A complete month compares with the whole previous month; month to date with the same days of it.
  const prevDay = useLatest ? daysInMonth(prevMonth) : Math.min(dayOfMonth, daysInMonth(prevMonth));
  return {
    current: { from: `${month}-01`, to, month },
    previous: { from: `${prevMonth}-01`, to: `${prevMonth}-${String(prevDay).padStart(2, '0')}`, month: prevMonth },
    isCurrentMonth: !useLatest,
    daysElapsed: dayOfMonth,
    daysInMonth: dim,
  };
}

// ---- forecast -----------------------------------------------------------------------------------


/**
 * Explore's view state <-> URL hash params, so a view reopens as it was:
 * #/explore?preset=last-30&by=model,origin_region&metric=spend&bucket=day&f.vendor=anthropic|openai
 * (a filter value "~" means "not stated").
 */
import {
  BUCKETS,
  DATE_PRESETS,
  DIMENSIONS,
  METRICS,
  presetRange,
  type Bucket,
  type DatePreset,
  type Dimension,
  type Metric,
  type TokenMetricClass,
} from '../../../../shared/domain/aggregate';
import { TOKEN_CLASSES } from '../../../../shared/domain/fact';

export type Filters = Partial<Record<Dimension, (string | null)[]>>;

export interface ExploreView {
  preset: DatePreset;
  from: string | undefined;
  to: string | undefined;
  by: Dimension[];
  metric: Metric;
  tokenClass: TokenMetricClass;
  bucket: Bucket;
  filters: Filters;
  sort: string;
  desc: boolean;
}

const oneOf = <T extends string>(list: readonly T[], v: string | null, d: T): T => ((list as readonly string[]).includes(v ?? '') ? (v as T) : d);

export function readView(p: URLSearchParams): ExploreView {
  const by = (p.get('by') ?? 'model').split(',').filter((d): d is Dimension => (DIMENSIONS as readonly string[]).includes(d)).slice(0, 2);
  const filters: Filters = {};
  for (const [k, v] of p) {
    if (!k.startsWith('f.')) continue;
    const dim = k.slice(2);
    if (!(DIMENSIONS as readonly string[]).includes(dim)) continue;
    filters[dim as Dimension] = v.split('|').map((x) => (x === '~' ? null : x));
  }
  return {
    preset: oneOf(DATE_PRESETS, p.get('preset'), 'custom'),
    from: p.get('from') ?? undefined,
    to: p.get('to') ?? undefined,
    by,
    metric: oneOf(METRICS, p.get('metric'), 'spend'),
    tokenClass: oneOf(['total', ...TOKEN_CLASSES] as const, p.get('cls'), 'total'),
    bucket: oneOf(BUCKETS, p.get('bucket'), 'none'),
    filters,
    sort: p.get('sort') ?? 'metric',
    desc: p.get('dir') !== 'asc',
  };
}

export function writeView(v: ExploreView): Record<string, string> {
  const out: Record<string, string> = { preset: v.preset };
  if (v.preset === 'custom') {
    if (v.from) out.from = v.from;
    if (v.to) out.to = v.to;
  }
  out.by = v.by.join(',');
  out.metric = v.metric;
  if (v.metric === 'tokens' && v.tokenClass !== 'total') out.cls = v.tokenClass;
  if (v.bucket !== 'none') out.bucket = v.bucket;
  for (const [d, vals] of Object.entries(v.filters)) if (vals && vals.length) out[`f.${d}`] = vals.map((x) => (x === null ? '~' : x)).join('|');
  if (v.sort !== 'metric') out.sort = v.sort;
  if (!v.desc) out.dir = 'asc';
  return out;
}

/** The view's day range: a preset relative to today, or the custom bounds (open when missing). */
export function viewRange(v: ExploreView, today: string): { from?: string; to?: string } {
  if (v.preset !== 'custom') return presetRange(v.preset, today);
  return { ...(v.from ? { from: v.from } : {}), ...(v.to ? { to: v.to } : {}) };
}

/** The chart of an Explore view: columns (buckets or top keys) and series (top keys), with "Other" for the rest. */
import { nameOf } from '../../ui/named-key';
import type { ReportExplore, ViewGroup } from '../../../../shared/contract/api/report';
import { metricValue, type MetricSource } from '../../../../shared/domain/aggregate';
import { TOKEN_CLASSES, emptyTokens } from '../../../../shared/domain/fact';
import { ADDITIVE, keyLabel, METRIC_LABELS } from './explore-labels';
import type { ExploreView } from './view-state';
import type { T } from '../../ui/i18n';

const CHART_SERIES = 8;
const CHART_BARS = 12;

/** Metric inputs of several groups together (chart only: floats, never money sums shown as figures). */
function combine(groups: readonly ViewGroup[]): MetricSource {
  const tokens = emptyTokens();
  let requests = 0;
  let spend = 0;
  let spendKnown = true;
  for (const g of groups) {
    for (const c of TOKEN_CLASSES) tokens[c] += g.tokens[c];
    requests += g.requests;
    if (g.spendDisplay === null) spendKnown = false;
    else spend += Number(g.spendDisplay);
  }
  return { tokens, requests, spendDisplay: spendKnown ? String(spend) : null };
}

export function chartData(r: ReportExplore, v: ExploreView, t: T): { data: { x: string; [s: string]: string | number }[]; series: string[] } {
  const value = (gs: readonly ViewGroup[]) => metricValue(combine(gs), v.metric, v.tokenClass) ?? 0;
  // A key reads as its display name where the user gave one.
  const label = (g: ViewGroup, i: number) => nameOf(r.names, r.groupBy[i]!, g.keys[i] ?? null, keyLabel(null, t));
  const byKey = (gs: readonly ViewGroup[], i: number) => {
    const m = new Map<string, ViewGroup[]>();
    for (const g of gs) {
      const k = label(g, i);
      m.set(k, [...(m.get(k) ?? []), g]);
    }
    return m;
  };
  const top = (m: Map<string, ViewGroup[]>, n: number) =>
    [...m.entries()]
      .map(([k, gs]) => ({ k, v: value(gs) }))
      .sort((a, b) => b.v - a.v)
      .slice(0, n)
      .map((x) => x.k);
  const additive = ADDITIVE.includes(v.metric);
  const other = t('explore.other');
  // Columns: buckets when the view has a granularity, else the first grouping's top keys.
  // Series: the first grouping's top keys over buckets; else the second grouping's.
  const seriesDim = r.bucket !== 'none' ? 0 : r.groupBy.length > 1 ? 1 : -1;
  const seriesGroups = seriesDim >= 0 ? byKey(r.rows, seriesDim) : new Map([[t(METRIC_LABELS[v.metric]), r.rows]]);
  const series = top(seriesGroups, CHART_SERIES);
  const hasOther = additive && seriesGroups.size > series.length;
  const columns =
    r.bucket !== 'none'
      ? [...new Set(r.rows.map((g) => g.bucket ?? ''))].sort().map((b) => ({ x: b, gs: r.rows.filter((g) => g.bucket === b) }))
      : r.groupBy.length > 0
        ? top(byKey(r.rows, 0), CHART_BARS).map((k) => ({ x: k, gs: r.rows.filter((g) => label(g, 0) === k) }))
        : [{ x: t('explore.all'), gs: r.rows }];
  const data = columns.map(({ x, gs }) => {
    const row: { x: string; [s: string]: string | number } = { x };
    const inSeries = (g: ViewGroup, s: string) => (seriesDim < 0 ? s === series[0] : label(g, seriesDim) === s);
    for (const s of series) row[s] = value(gs.filter((g) => inSeries(g, s)));
    if (hasOther) row[other] = value(gs.filter((g) => !series.some((s) => inSeries(g, s))));
    return row;
  });
  return { data, series: hasOther ? [...series, other] : series };
}

/** Explore's figures as text: a metric's value, spend, cache-read share, cost per million tokens. */
import { metricValue, type Metric, type MetricSource } from '../../../../shared/domain/aggregate';
import { formatAmounts, formatCompact, formatMoney, formatPercent } from '../../ui/format';

export function formatMetric(v: number | null, metric: Metric, cur: string): string {
  if (v === null) return '—';
  switch (metric) {
    case 'spend':
    case 'cost_per_mtok':
      return formatMoney(v.toFixed(metric === 'spend' ? 2 : 4), cur);
    case 'tokens':
    case 'requests':
      return formatCompact(v);
    case 'cache_read_share':
      return formatPercent(v);
  }
}

export function spendText(g: { spendDisplay: string | null; spend: Record<string, string> }, cur: string): string {
  return g.spendDisplay === null ? formatAmounts(g.spend).join(' + ') || '—' : formatMoney(g.spendDisplay, cur);
}

export function shareText(g: MetricSource): string {
  const v = metricValue(g, 'cache_read_share');
  return v === null ? '—' : formatPercent(v);
}

export function costPerMText(g: MetricSource, cur: string): string {
  const v = metricValue(g, 'cost_per_mtok');
  return v === null ? '—' : formatMoney(v.toFixed(4), cur);
}

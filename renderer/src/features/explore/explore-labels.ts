/** Explore's words: labels of presets, metrics, token classes and buckets; how a group key reads. */
import type { Bucket, DatePreset, Metric, TokenMetricClass } from '../../../../shared/domain/aggregate';

export const PRESET_LABELS: Record<DatePreset, string> = {
  'this-month': 'This month',
  'last-month': 'Last month',
  'last-7': 'Last 7 days',
  'last-30': 'Last 30 days',
  'last-90': 'Last 90 days',
  'this-year': 'This year',
  custom: 'Custom range',
};

export const METRIC_LABELS: Record<Metric, string> = {
  spend: 'Spend',
  tokens: 'Tokens',
  requests: 'Requests',
  cost_per_mtok: 'Cost per 1M tokens',
  cache_read_share: 'Cache-read share',
};

export const CLASS_LABELS: Record<TokenMetricClass, string> = {
  total: 'All classes',
  input: 'Input (uncached)',
  cache_read: 'Cache read',
  cache_write_5m: 'Cache write 5m',
  cache_write_1h: 'Cache write 1h',
  output: 'Output',
  reasoning: 'Reasoning',
};

export const BUCKET_LABELS: Record<Bucket, string> = { none: 'None', day: 'Day', week: 'Week', month: 'Month' };
/** Metrics that add up across groups (stacked in the chart). */
export const ADDITIVE: readonly Metric[] = ['spend', 'tokens', 'requests'];

export const keyLabel = (k: string | null): string => (k === null ? 'Not stated' : k);

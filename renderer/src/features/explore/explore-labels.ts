/** Explore's words (message ids): labels of presets, metrics, token classes, buckets and dimensions; how a group key reads. */
import type { Bucket, DatePreset, Dimension, Metric, TokenMetricClass } from '../../../../shared/domain/aggregate';
import type { MessageId } from '../../../../shared/i18n';
import type { T } from '../../ui/i18n';

export const PRESET_LABELS: Record<DatePreset, MessageId> = {
  'this-month': 'explore.preset.thisMonth',
  'last-month': 'explore.preset.lastMonth',
  'last-7': 'explore.preset.last7',
  'last-30': 'explore.preset.last30',
  'last-90': 'explore.preset.last90',
  'this-year': 'explore.preset.thisYear',
  custom: 'explore.preset.custom',
};

export const METRIC_LABELS: Record<Metric, MessageId> = {
  spend: 'explore.metric.spend',
  tokens: 'explore.metric.tokens',
  requests: 'explore.metric.requests',
  cost_per_mtok: 'explore.metric.costPerMtok',
  cache_read_share: 'explore.metric.cacheReadShare',
};

export const CLASS_LABELS: Record<TokenMetricClass, MessageId> = {
  total: 'explore.class.total',
  input: 'overview.class.input',
  cache_read: 'overview.class.cacheRead',
  cache_write_5m: 'overview.class.cacheWrite5m',
  cache_write_1h: 'overview.class.cacheWrite1h',
  output: 'overview.class.output',
  reasoning: 'explore.class.reasoning',
};

export const BUCKET_LABELS: Record<Bucket, MessageId> = { none: 'explore.bucket.none', day: 'explore.bucket.day', week: 'explore.bucket.week', month: 'explore.bucket.month' };

export const DIMENSION_LABELS: Record<Dimension, MessageId> = {
  model: 'explore.dim.model',
  model_id: 'explore.dim.modelId',
  model_family: 'explore.dim.modelFamily',
  vendor: 'explore.dim.vendor',
  origin_region: 'explore.dim.originRegion',
  host: 'explore.dim.host',
  inference_geo: 'explore.dim.inferenceGeo',
  provider: 'explore.dim.provider',
  account: 'explore.dim.account',
  project: 'explore.dim.project',
  api_key: 'explore.dim.apiKey',
  member: 'explore.dim.member',
  machine: 'explore.dim.machine',
  service_tier: 'explore.dim.serviceTier',
  line_type: 'explore.dim.lineType',
};

/** Metrics that add up across groups (stacked in the chart). */
export const ADDITIVE: readonly Metric[] = ['spend', 'tokens', 'requests'];

export const keyLabel = (k: string | null, t: T): string => (k === null ? t('explore.notStated') : k);

/** Explore's view controls: period, groupings, metric and token class, granularity, filters. */
import {
  DATE_PRESETS,
  DIMENSIONS,
  METRICS,
  type Bucket,
  type DatePreset,
  type Dimension,
  type Metric,
  type TokenMetricClass,
} from '../../../../shared/domain/aggregate';
import { TOKEN_CLASSES } from '../../../../shared/domain/fact';
import { AddFilter } from './explore-filters';
import { BUCKET_LABELS, CLASS_LABELS, DIMENSION_LABELS, METRIC_LABELS, PRESET_LABELS } from './explore-labels';
import { useT } from '../../ui/i18n';
import type { ExploreView } from './view-state';

interface ControlsProps {
  view: ExploreView;
  range: { from?: string; to?: string };
  set(patch: Partial<ExploreView>): void;
}

function PeriodControls({ view, range, set }: ControlsProps) {
  const t = useT();
  return (
    <>
      <label>
        {t('explore.period')}
        <select value={view.preset} onChange={(e) => set({ preset: e.target.value as DatePreset, ...(e.target.value === 'custom' ? range : {}) })}>
          {DATE_PRESETS.map((p) => (
            <option key={p} value={p}>
              {t(PRESET_LABELS[p])}
            </option>
          ))}
        </select>
      </label>
      {view.preset === 'custom' && (
        <>
          <label>
            {t('explore.from')}
            <input type="date" value={view.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
          </label>
          <label>
            {t('explore.to')}
            <input type="date" value={view.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
          </label>
        </>
      )}
    </>
  );
}

function GroupControls({ view, set }: Omit<ControlsProps, 'range'>) {
  const t = useT();
  return (
    <>
      <label>
        {t('explore.groupBy')}
        <select value={view.by[0] ?? ''} onChange={(e) => set({ by: e.target.value ? [e.target.value as Dimension, ...view.by.slice(1).filter((d) => d !== e.target.value)] : [] })}>
          <option value="">{t('explore.nothingTotals')}</option>
          {DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {t(DIMENSION_LABELS[d])}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('explore.thenBy')}
        <select
          value={view.by[1] ?? ''}
          disabled={view.by.length === 0}
          onChange={(e) => set({ by: [view.by[0]!, ...(e.target.value ? [e.target.value as Dimension] : [])] })}
        >
          <option value="">—</option>
          {DIMENSIONS.filter((d) => d !== view.by[0]).map((d) => (
            <option key={d} value={d}>
              {t(DIMENSION_LABELS[d])}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

function MetricControls({ view, set }: Omit<ControlsProps, 'range'>) {
  const t = useT();
  return (
    <>
      <label>
        {t('explore.metric')}
        <select value={view.metric} onChange={(e) => set({ metric: e.target.value as Metric, sort: 'metric' })}>
          {METRICS.map((m) => (
            <option key={m} value={m}>
              {t(METRIC_LABELS[m])}
            </option>
          ))}
        </select>
      </label>
      {view.metric === 'tokens' && (
        <label>
          {t('budgets.f.tokenClass')}
          <select value={view.tokenClass} onChange={(e) => set({ tokenClass: e.target.value as TokenMetricClass })}>
            {(['total', ...TOKEN_CLASSES] as const).map((c) => (
              <option key={c} value={c}>
                {t(CLASS_LABELS[c])}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('explore.granularity')}
        <select value={view.bucket} onChange={(e) => set({ bucket: e.target.value as Bucket })}>
          {(['none', 'day', 'week', 'month'] as const).map((b) => (
            <option key={b} value={b}>
              {t(BUCKET_LABELS[b])}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}

export function ExploreToolbar({ view, range, set }: ControlsProps) {
  const t = useT();
  return (
    <form className="toolbar" aria-label={t('explore.view')} onSubmit={(e) => e.preventDefault()}>
      <PeriodControls view={view} range={range} set={set} />
      <GroupControls view={view} set={set} />
      <MetricControls view={view} set={set} />
      <AddFilter view={view} range={range} onAdd={(d, value) => set({ filters: { ...view.filters, [d]: [...(view.filters[d] ?? []).filter((x) => x !== value), value] } })} />
    </form>
  );
}

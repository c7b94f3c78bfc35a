/** Explore's filters: the chips of the filters in force, and "Filter on" a dimension's value in the period. */
import { useState } from 'react';
import { DIMENSIONS, type Dimension } from '../../../../shared/domain/aggregate';
import { useApiData } from '../../client/use-api';
import { DIMENSION_LABELS, keyLabel } from './explore-labels';
import type { ExploreView, Filters } from './view-state';
import { useT } from '../../ui/i18n';

export function FilterChips({ filters, onRemove }: { filters: Filters; onRemove: (d: Dimension, v: string | null) => void }) {
  const chips = (Object.entries(filters) as [Dimension, (string | null)[]][]).flatMap(([d, vals]) => vals.map((v) => ({ d, v })));
  const t = useT();
  if (chips.length === 0) return null;
  return (
    <ul className="filters" aria-label={t('explore.filters')}>
      {chips.map(({ d, v }) => (
        <li key={`${d}=${v}`} className="chip" data-testid="filter-chip">
          {t(DIMENSION_LABELS[d])}: {keyLabel(v, t)}
          <button type="button" aria-label={t('explore.removeFilter', { dim: t(DIMENSION_LABELS[d]), value: keyLabel(v, t) })} onClick={() => onRemove(d, v)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

const NULL_VALUE = '__not_stated__';

/** Pick a dimension, then one of its values in the period (loaded from the engine), to filter on. */
export function AddFilter({ view, range, onAdd }: { view: ExploreView; range: { from?: string; to?: string }; onAdd: (d: Dimension, v: string | null) => void }) {
  const [dim, setDim] = useState<Dimension | ''>('');
  const t = useT();
  const values = useApiData(
    (c) => (dim ? c.call('report.explore', { ...range, groupBy: [dim], bucket: 'none' }) : Promise.resolve(null)),
    [dim, range.from, range.to],
  );
  const keys = values.value ? values.value.rows.map((g) => g.keys[0] ?? null) : [];
  const chosen = new Set(dim ? (view.filters[dim] ?? []) : []);
  return (
    <>
      <label>
        {t('explore.filterOn')}
        <select value={dim} onChange={(e) => setDim(e.target.value as Dimension | '')}>
          <option value="">{t('explore.chooseDimension')}</option>
          {DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {t(DIMENSION_LABELS[d])}
            </option>
          ))}
        </select>
      </label>
      {dim && (
        <label>
          {t('explore.dimIs', { dim: t(DIMENSION_LABELS[dim]) })}
          <select
            value=""
            disabled={values.state === 'loading'}
            onChange={(e) => {
              if (e.target.value === '') return;
              onAdd(dim, e.target.value === NULL_VALUE ? null : e.target.value);
              setDim('');
            }}
          >
            <option value="">{values.state === 'loading' ? t('app.loading') : t('explore.chooseValue')}</option>
            {keys
              .filter((k) => !chosen.has(k))
              .sort((a, b) => keyLabel(a, t).localeCompare(keyLabel(b, t)))
              .map((k) => (
                <option key={k ?? NULL_VALUE} value={k ?? NULL_VALUE}>
                  {keyLabel(k, t)}
                </option>
              ))}
          </select>
        </label>
      )}
    </>
  );
}

/** Explore's filters: the chips of the filters in force, and "Filter on" a dimension's value in the period. */
import { useState } from 'react';
import { DIMENSION_LABELS, DIMENSIONS, type Dimension } from '../../../../shared/domain/aggregate';
import { useApiData } from '../../client/use-api';
import { keyLabel } from './explore-labels';
import type { ExploreView, Filters } from './view-state';

export function FilterChips({ filters, onRemove }: { filters: Filters; onRemove: (d: Dimension, v: string | null) => void }) {
  const chips = (Object.entries(filters) as [Dimension, (string | null)[]][]).flatMap(([d, vals]) => vals.map((v) => ({ d, v })));
  if (chips.length === 0) return null;
  return (
    <ul className="filters" aria-label="Filters">
      {chips.map(({ d, v }) => (
        <li key={`${d}=${v}`} className="chip" data-testid="filter-chip">
          {DIMENSION_LABELS[d]}: {keyLabel(v)}
          <button type="button" aria-label={`Remove filter ${DIMENSION_LABELS[d]} ${keyLabel(v)}`} onClick={() => onRemove(d, v)}>
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
  const values = useApiData(
    (c) => (dim ? c.call('report.explore', { ...range, groupBy: [dim], bucket: 'none' }) : Promise.resolve(null)),
    [dim, range.from, range.to],
  );
  const keys = values.value ? values.value.rows.map((g) => g.keys[0] ?? null) : [];
  const chosen = new Set(dim ? (view.filters[dim] ?? []) : []);
  return (
    <>
      <label>
        Filter on
        <select value={dim} onChange={(e) => setDim(e.target.value as Dimension | '')}>
          <option value="">Choose a dimension…</option>
          {DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {DIMENSION_LABELS[d]}
            </option>
          ))}
        </select>
      </label>
      {dim && (
        <label>
          {DIMENSION_LABELS[dim]} is
          <select
            value=""
            disabled={values.state === 'loading'}
            onChange={(e) => {
              if (e.target.value === '') return;
              onAdd(dim, e.target.value === NULL_VALUE ? null : e.target.value);
              setDim('');
            }}
          >
            <option value="">{values.state === 'loading' ? 'Loading…' : 'Choose a value…'}</option>
            {keys
              .filter((k) => !chosen.has(k))
              .sort((a, b) => keyLabel(a).localeCompare(keyLabel(b)))
              .map((k) => (
                <option key={k ?? NULL_VALUE} value={k ?? NULL_VALUE}>
                  {keyLabel(k)}
                </option>
              ))}
          </select>
        </label>
      )}
    </>
  );
}

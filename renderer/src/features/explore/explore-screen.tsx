/**
 * Explore: the ledger grouped by one or two dimensions, optionally by day / week / month, over a date
 * preset or custom range with filters on any dimension; a chart and a sortable table whose totals are
 * the engine's; a drill-down from any row to the facts behind it; CSV / JSON export of the view (the
 * same figures as `tokenledger report --by ... --json`). The view lives in the URL hash.
 */
import { useMemo, useState } from 'react';
import type { ViewGroup } from '../../../../shared/contract/api/report';
import { bucketRange } from '../../../../shared/domain/aggregate';
import { localDay } from '../../../../shared/domain/time';
import { navigate } from '../../client/route';
import { useApp } from '../../client/store';
import { useEngineNow } from '../../client/engine-now';
import { useApiData } from '../../client/use-api';
import '../../ui/dashboard.css';
import { FilterChips } from './explore-filters';
import { keyLabel } from './explore-labels';
import { ExploreResult, type Drill } from './explore-result';
import { ExploreToolbar } from './explore-toolbar';
import { readView, viewRange, writeView, type ExploreView, type Filters } from './view-state';
import { useT } from '../../ui/i18n';

export function ExploreScreen() {
  // Presets are relative to the engine's day (in the settings' zone), never the window's clock.
  const now = useEngineNow();
  const t = useT();
  if (now === null) {
    return (
      <section aria-labelledby="screen-title">
        <h1 id="screen-title">{t('app.screen.explore')}</h1>
        <p aria-busy="true">{t('app.loading')}</p>
      </section>
    );
  }
  return <ExploreAt now={now} />;
}

function ExploreAt({ now }: { now: number }) {
  const settings = useApp((s) => s.settings);
  const params = useApp((s) => s.route.params);
  const view = useMemo(() => readView(params), [params]);
  const tz = settings?.timeZone ?? 'UTC';
  const today = localDay(now, tz);
  const range = viewRange(view, today);
  const input = { ...range, groupBy: view.by, bucket: view.bucket, filters: view.filters };
  const report = useApiData((c) => c.call('report.explore', input), [JSON.stringify(input), tz, settings?.displayCurrency, settings?.weekStart]);
  const r = report.value;
  const [drill, setDrill] = useState<Drill | null>(null);
  const t = useT();

  const set = (patch: Partial<ExploreView>) => {
    setDrill(null);
    navigate('explore', writeView({ ...view, ...patch }));
  };
  const cur = r?.display.currency ?? settings?.displayCurrency ?? 'USD';

  function openDrill(g: ViewGroup) {
    if (!r) return;
    const filters: Filters = { ...view.filters };
    r.groupBy.forEach((d, i) => (filters[d] = [g.keys[i] ?? null]));
    let from = range.from;
    let to = range.to;
    if (g.bucket !== null && r.bucket !== 'none') {
      const b = bucketRange(g.bucket, r.bucket);
      from = from && from > b.from ? from : b.from;
      to = to && to < b.to ? to : b.to;
    }
    const label = [...(g.bucket ? [g.bucket] : []), ...g.keys.map((k) => keyLabel(k, t))].join(' · ') || t('explore.all');
    setDrill({ label: t('explore.factsBehind', { label }), from, to, filters });
  }

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t('app.screen.explore')}</h1>
      <ExploreToolbar view={view} range={range} set={set} />
      <FilterChips filters={view.filters} onRemove={(d, value) => set({ filters: { ...view.filters, [d]: (view.filters[d] ?? []).filter((x) => x !== value) } })} />

      {report.state === 'error' && (
        <p role="alert" className="error">
          {report.error.message}
        </p>
      )}
      {!r && <p aria-busy="true" className="chart-box">{t('app.loading')}</p>}
      {r && (
        <ExploreResult
          r={r}
          view={view}
          cur={cur}
          loading={report.state === 'loading'}
          drill={drill}
          set={set}
          onDrill={openDrill}
          onCloseDrill={() => setDrill(null)}
        />
      )}
    </section>
  );
}

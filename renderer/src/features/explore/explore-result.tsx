/** An Explore view's result: what it covers, the chart, the export, the table, and the facts behind a row. */
import { useMemo } from 'react';
import type { ReportExplore, ViewGroup } from '../../../../shared/contract/api/report';
import { DIMENSION_LABELS } from '../../../../shared/domain/aggregate';
import { downloadText } from '../../ui/files';
import { formatInteger } from '../../ui/format';
import { FxNote } from '../../ui/fx-note';
import { StackedBars } from '../../ui/stacked-bars';
import { chartData } from './explore-chart';
import { cliCommand, exploreCsv } from './explore-export';
import { formatMetric } from './explore-figures';
import { ADDITIVE, METRIC_LABELS } from './explore-labels';
import { ExploreTable, TABLE_LIMIT } from './explore-table';
import { FactList, type FactQuery } from './fact-list';
import type { ExploreView } from './view-state';

export interface Drill extends FactQuery {
  label: string;
}

function Coverage({ r, view }: { r: ReportExplore; view: ExploreView }) {
  return (
    <>
      <p className="period-note" data-testid="explore-period">
        {r.from ?? 'start'} to {r.to ?? 'end'} ·{' '}
        {r.dayBasis === 'utc' ? 'UTC days' : `days in ${r.timeZone} (request and hourly rows on local days; daily export rows keep their day)`} · same figures as{' '}
        <code data-testid="cli-command">{cliCommand(r, view)}</code>
      </p>
      {r.totals.unpriced.facts > 0 && (
        <div className="banner warn" role="status">
          {formatInteger(r.totals.unpriced.tokens)} tokens in this view have no price ({r.totals.unpriced.models.join(', ')}): spend leaves them out.
        </div>
      )}
    </>
  );
}

function ExportBar({ r, view }: { r: ReportExplore; view: ExploreView }) {
  const fileBase = `tokenledger-${view.by.join('-') || 'totals'}-${r.from ?? 'start'}-${r.to ?? 'end'}`;
  return (
    <div className="toolbar">
      <button type="button" onClick={() => downloadText(`${fileBase}.csv`, exploreCsv(r), 'text/csv')}>
        Export CSV
      </button>
      <button type="button" onClick={() => downloadText(`${fileBase}.json`, JSON.stringify(r, null, 2), 'application/json')}>
        Export JSON
      </button>
      <span className="muted">
        {formatInteger(r.rows.length)} rows{r.rows.length > TABLE_LIMIT ? `, the first ${TABLE_LIMIT} shown (the export has all)` : ''}. Select a row to see its facts; ↑ ↓ move between rows.
      </span>
    </div>
  );
}

function Chart({ r, view, cur }: { r: ReportExplore; view: ExploreView; cur: string }) {
  const chart = useMemo(() => chartData(r, view), [r, view]);
  return (
    <StackedBars
      data={chart.data}
      series={chart.series}
      stacked={ADDITIVE.includes(view.metric)}
      label={`${METRIC_LABELS[view.metric]}${r.groupBy.length ? ` by ${r.groupBy.map((d) => DIMENSION_LABELS[d].toLowerCase()).join(' and ')}` : ''}${r.bucket !== 'none' ? ` per ${r.bucket}` : ''}`}
      format={(x) => formatMetric(x, view.metric, cur)}
    />
  );
}

export function ExploreResult({
  r,
  view,
  cur,
  loading,
  drill,
  set,
  onDrill,
  onCloseDrill,
}: {
  r: ReportExplore;
  view: ExploreView;
  cur: string;
  loading: boolean;
  drill: Drill | null;
  set(patch: Partial<ExploreView>): void;
  onDrill(g: ViewGroup): void;
  onCloseDrill(): void;
}) {
  return (
    <div aria-busy={loading}>
      <Coverage r={r} view={view} />
      {r.rows.length === 0 ? (
        <p className="empty chart-box">Nothing matches this view. Widen the period or remove a filter.</p>
      ) : (
        <>
          <Chart r={r} view={view} cur={cur} />
          <ExportBar r={r} view={view} />
          <ExploreTable r={r} view={view} cur={cur} set={set} onDrill={onDrill} />
        </>
      )}
      <FxNote display={r.display} />
      {drill && (
        <div onKeyDown={(e) => e.key === 'Escape' && onCloseDrill()}>
          <button type="button" onClick={onCloseDrill}>
            Close the facts
          </button>
          <FactList query={{ from: drill.from, to: drill.to, filters: drill.filters }} label={drill.label} />
        </div>
      )}
    </div>
  );
}

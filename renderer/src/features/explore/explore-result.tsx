/** An Explore view's result: what it covers, the chart, the export, the table, and the facts behind a row. */
import { useMemo } from 'react';
import type { ReportExplore, ViewGroup } from '../../../../shared/contract/api/report';
import { downloadText } from '../../ui/files';
import { FxNote } from '../../ui/fx-note';
import { StackedBars } from '../../ui/chart';
import { chartData } from './explore-chart';
import { cliCommand, exploreCsv } from './explore-export';
import { formatMetric } from './explore-figures';
import { ADDITIVE, DIMENSION_LABELS, METRIC_LABELS } from './explore-labels';
import { useT, useTRich } from '../../ui/i18n';
import { ExploreTable, TABLE_LIMIT } from './explore-table';
import { FactList, type FactQuery } from './fact-list';
import type { ExploreView } from './view-state';

export interface Drill extends FactQuery {
  label: string;
}

function Coverage({ r, view }: { r: ReportExplore; view: ExploreView }) {
  const t = useT();
  const tRich = useTRich();
  return (
    <>
      <p className="period-note" data-testid="explore-period">
        {t('explore.range', { from: r.from ?? t('explore.start'), to: r.to ?? t('explore.end') })} ·{' '}
        {r.dayBasis === 'utc' ? t('explore.utcDays') : t('explore.localDays', { zone: r.timeZone })} ·{' '}
        {tRich('explore.sameFigures', { command: <code data-testid="cli-command">{cliCommand(r, view)}</code> })}
      </p>
      {r.totals.unpriced.facts > 0 && (
        <div className="banner warn" role="status">
          {t('explore.unpriced', { tokens: r.totals.unpriced.tokens, models: r.totals.unpriced.models.join(', ') })}
        </div>
      )}
    </>
  );
}

function ExportBar({ r, view }: { r: ReportExplore; view: ExploreView }) {
  const fileBase = `tokenledger-${view.by.join('-') || 'totals'}-${r.from ?? 'start'}-${r.to ?? 'end'}`;
  const t = useT();
  return (
    <div className="toolbar">
      <button type="button" onClick={() => downloadText(`${fileBase}.csv`, exploreCsv(r), 'text/csv')}>
        {t('explore.exportCsv')}
      </button>
      <button type="button" onClick={() => downloadText(`${fileBase}.json`, JSON.stringify(r, null, 2), 'application/json')}>
        {t('budgets.exportJson')}
      </button>
      <span className="muted">
        {t(r.rows.length > TABLE_LIMIT ? 'explore.rowsLimited' : 'explore.rows', { count: r.rows.length, limit: TABLE_LIMIT })}
      </span>
    </div>
  );
}

function Chart({ r, view, cur }: { r: ReportExplore; view: ExploreView; cur: string }) {
  const t = useT();
  const chart = useMemo(() => chartData(r, view, t), [r, view, t]);
  return (
    <StackedBars
      data={chart.data}
      series={chart.series}
      stacked={ADDITIVE.includes(view.metric)}
      label={t('explore.chartLabel', { metric: t(METRIC_LABELS[view.metric]), hasBy: r.groupBy.length ? 'yes' : 'no', by: r.groupBy.map((d) => t(DIMENSION_LABELS[d])).join(' · '), bucket: r.bucket })}
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
  const t = useT();
  return (
    <div aria-busy={loading}>
      <Coverage r={r} view={view} />
      {r.rows.length === 0 ? (
        <p className="empty chart-box">{t('explore.nothing')}</p>
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
            {t('explore.closeFacts')}
          </button>
          <FactList query={{ from: drill.from, to: drill.to, filters: drill.filters }} label={drill.label} />
        </div>
      )}
    </div>
  );
}

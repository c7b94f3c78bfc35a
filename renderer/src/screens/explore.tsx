/**
 * Explore (issue 5): the ledger grouped by one or two dimensions, optionally by day / week / month, over a
 * date preset or custom range with filters on any dimension; a chart and a sortable table whose totals
 * are the engine's; a drill-down from any row to the facts behind it; CSV / JSON export of the view
 * (the same figures as `tokenledger report --by ... --json`). The view lives in the URL hash.
 */
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ReportExplore, ViewGroup } from '../../../shared/contract/api/report';
import {
  bucketRange,
  DATE_PRESETS,
  DIMENSION_LABELS,
  DIMENSIONS,
  metricValue,
  METRICS,
  tokenTotal,
  type Bucket,
  type DatePreset,
  type Dimension,
  type Metric,
  type MetricSource,
  type TokenMetricClass,
} from '../../../shared/domain/aggregate';
import { localDay } from '../../../shared/domain/time';
import { TOKEN_CLASSES, emptyTokens } from '../../../shared/domain/fact';
import { FactList } from '../components/fact-list';
import { FxNote } from '../components/fx-note';
import { StackedBars } from '../components/stacked-bars';
import { csvCell, downloadText } from '../components/download';
import { readView, viewRange, writeView, type ExploreView, type Filters } from '../components/view-state';
import '../components/dashboard.css';
import { formatAmounts, formatCompact, formatInteger, formatMoney } from '../format';
import { navigate, useApp } from '../store';
import { useApiData } from '../use-api';

const PRESET_LABELS: Record<DatePreset, string> = {
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

const CLASS_LABELS: Record<TokenMetricClass, string> = {
  total: 'All classes',
  input: 'Input (uncached)',
  cache_read: 'Cache read',
  cache_write_5m: 'Cache write 5m',
  cache_write_1h: 'Cache write 1h',
  output: 'Output',
  reasoning: 'Reasoning',
};

const BUCKET_LABELS: Record<Bucket, string> = { none: 'None', day: 'Day', week: 'Week', month: 'Month' };
const ADDITIVE: readonly Metric[] = ['spend', 'tokens', 'requests'];
/** Rows drawn in the table (the export has them all). */
const TABLE_LIMIT = 500;
const CHART_SERIES = 8;
const CHART_BARS = 12;

export const keyLabel = (k: string | null): string => (k === null ? 'Not stated' : k);

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

function formatMetric(v: number | null, metric: Metric, cur: string): string {
  if (v === null) return '—';
  switch (metric) {
    case 'spend':
    case 'cost_per_mtok':
      return formatMoney(v.toFixed(metric === 'spend' ? 2 : 4), cur);
    case 'tokens':
    case 'requests':
      return formatCompact(v);
    case 'cache_read_share':
      return `${(v * 100).toFixed(1)}%`;
  }
}

function spendText(g: { spendDisplay: string | null; spend: Record<string, string> }, cur: string): string {
  return g.spendDisplay === null ? formatAmounts(g.spend).join(' + ') || '—' : formatMoney(g.spendDisplay, cur);
}

function shareText(g: MetricSource): string {
  const v = metricValue(g, 'cache_read_share');
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}

function costPerMText(g: MetricSource, cur: string): string {
  const v = metricValue(g, 'cost_per_mtok');
  return v === null ? '—' : formatMoney(v.toFixed(4), cur);
}

// ---- the chart's data --------------------------------------------------------------------------

function chartData(r: ReportExplore, v: ExploreView): { data: { x: string; [s: string]: string | number }[]; series: string[] } {
  const value = (gs: readonly ViewGroup[]) => metricValue(combine(gs), v.metric, v.tokenClass) ?? 0;
  const byKey = (gs: readonly ViewGroup[], i: number) => {
    const m = new Map<string, ViewGroup[]>();
    for (const g of gs) {
      const k = keyLabel(g.keys[i] ?? null);
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
  // Columns: buckets when the view has a granularity, else the first grouping's top keys.
  // Series: the first grouping's top keys over buckets; else the second grouping's.
  const seriesDim = r.bucket !== 'none' ? 0 : r.groupBy.length > 1 ? 1 : -1;
  const seriesGroups = seriesDim >= 0 ? byKey(r.rows, seriesDim) : new Map([[METRIC_LABELS[v.metric], r.rows]]);
  const series = top(seriesGroups, CHART_SERIES);
  const hasOther = additive && seriesGroups.size > series.length;
  const columns =
    r.bucket !== 'none'
      ? [...new Set(r.rows.map((g) => g.bucket ?? ''))].sort().map((b) => ({ x: b, gs: r.rows.filter((g) => g.bucket === b) }))
      : r.groupBy.length > 0
        ? top(byKey(r.rows, 0), CHART_BARS).map((k) => ({ x: k, gs: r.rows.filter((g) => keyLabel(g.keys[0] ?? null) === k) }))
        : [{ x: 'All', gs: r.rows }];
  const data = columns.map(({ x, gs }) => {
    const row: { x: string; [s: string]: string | number } = { x };
    const inSeries = (g: ViewGroup, s: string) => (seriesDim < 0 ? s === series[0] : keyLabel(g.keys[seriesDim] ?? null) === s);
    for (const s of series) row[s] = value(gs.filter((g) => inSeries(g, s)));
    if (hasOther) row.Other = value(gs.filter((g) => !series.some((s) => inSeries(g, s))));
    return row;
  });
  return { data, series: hasOther ? [...series, 'Other'] : series };
}

// ---- export ------------------------------------------------------------------------------------

/** The view as CSV: one line per group and a TOTAL line, the figures of `report --json`. */
export function exploreCsv(r: ReportExplore): string {
  const currencies = [...new Set([...r.rows.flatMap((g) => Object.keys(g.spend)), ...Object.keys(r.totals.spend)])].sort();
  const head = [
    ...(r.bucket === 'none' ? [] : [r.bucket]),
    ...r.groupBy,
    `spend_${r.display.currency}`,
    ...currencies.map((c) => `spend_native_${c}`),
    ...TOKEN_CLASSES,
    'tokens_total',
    'requests',
    'facts',
  ];
  const line = (lead: (string | null)[], g: Omit<ViewGroup, 'keys' | 'bucket' | 'billed' | 'estimated' | 'unpricedTokens'>) =>
    [
      ...lead,
      g.spendDisplay,
      ...currencies.map((c) => g.spend[c] ?? '0'),
      ...TOKEN_CLASSES.map((c) => g.tokens[c]),
      tokenTotal(g.tokens),
      g.requests,
      g.facts,
    ]
      .map(csvCell)
      .join(',');
  const lines = [head.join(',')];
  for (const g of r.rows) lines.push(line([...(r.bucket === 'none' ? [] : [g.bucket]), ...g.keys], g));
  const pad = (r.bucket === 'none' ? 0 : 1) + r.groupBy.length;
  lines.push(line(pad > 0 ? ['TOTAL', ...Array<null>(pad - 1).fill(null)] : [], r.totals));
  return lines.join('\r\n') + '\r\n';
}

function cliCommand(r: ReportExplore, v: ExploreView): string {
  const parts = ['tokenledger report'];
  if (r.groupBy.length) parts.push(`--by ${r.groupBy.join(',')}`);
  if (r.from) parts.push(`--from ${r.from}`);
  if (r.to) parts.push(`--to ${r.to}`);
  if (r.bucket !== 'none') parts.push(`--bucket ${r.bucket}`);
  for (const [d, vals] of Object.entries(v.filters)) for (const x of vals ?? []) parts.push(`--filter ${d}=${x ?? ''}`);
  parts.push(`--tz ${r.timeZone}`, `--currency ${r.display.currency}`, '--json');
  return parts.join(' ');
}

// ---- the screen --------------------------------------------------------------------------------

type SortKey = 'bucket' | 'k0' | 'k1' | 'spend' | 'tokens' | 'requests' | 'cost_per_mtok' | 'cache_read_share';

function sortValue(g: ViewGroup, key: SortKey, v: ExploreView): number | string | null {
  switch (key) {
    case 'bucket':
      return g.bucket;
    case 'k0':
      return g.keys[0] ?? null;
    case 'k1':
      return g.keys[1] ?? null;
    case 'tokens':
      return metricValue(g, 'tokens', v.tokenClass);
    default:
      return metricValue(g, key);
  }
}

function compare(a: number | string | null, b: number | string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

interface Drill {
  label: string;
  from?: string | undefined;
  to?: string | undefined;
  filters: Filters;
}

export function ExploreScreen() {
  const settings = useApp((s) => s.settings);
  const params = useApp((s) => s.route.params);
  const view = useMemo(() => readView(params), [params]);
  const tz = settings?.timeZone ?? 'UTC';
  // Presets are relative to the day the screen opened (in the settings' zone).
  const [openedAt] = useState(() => Date.now());
  const today = localDay(openedAt, tz);
  const range = viewRange(view, today);
  const input = { ...range, groupBy: view.by, bucket: view.bucket, filters: view.filters };
  const report = useApiData((c) => c.call('report.explore', input), [JSON.stringify(input), tz, settings?.displayCurrency, settings?.weekStart]);
  const r = report.value;
  const [drill, setDrill] = useState<Drill | null>(null);
  const tbody = useRef<HTMLTableSectionElement>(null);

  const set = (patch: Partial<ExploreView>) => {
    setDrill(null);
    navigate('explore', writeView({ ...view, ...patch }));
  };
  const sortKey: SortKey = view.sort === 'metric' ? (view.metric === 'tokens' ? 'tokens' : (view.metric as SortKey)) : (view.sort as SortKey);
  const rows = useMemo(() => {
    if (!r) return [];
    const list = [...r.rows];
    list.sort((a, b) => compare(sortValue(a, sortKey, view), sortValue(b, sortKey, view)) * (view.desc ? -1 : 1));
    return list;
  }, [r, sortKey, view]);
  const cur = r?.display.currency ?? settings?.displayCurrency ?? 'USD';
  const chart = useMemo(() => (r && r.rows.length ? chartData(r, view) : null), [r, view]);

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
    const label = [...(g.bucket ? [g.bucket] : []), ...g.keys.map(keyLabel)].join(' · ') || 'All';
    setDrill({ label: `Facts behind ${label}`, from, to, filters });
  }

  function onRowKey(e: KeyboardEvent<HTMLTableSectionElement>) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...(tbody.current?.querySelectorAll<HTMLButtonElement>('button.row-drill') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    e.preventDefault();
    buttons[Math.max(0, Math.min(buttons.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
  }

  const sortHeader = (key: SortKey, label: string, num = false) => {
    const active = sortKey === key;
    return (
      <th key={key} scope="col" className={num ? 'num' : undefined} aria-sort={active ? (view.desc ? 'descending' : 'ascending') : 'none'}>
        <button type="button" onClick={() => set({ sort: key, desc: active ? !view.desc : num })}>
          {label}
          {active ? (view.desc ? ' ▼' : ' ▲') : ''}
        </button>
      </th>
    );
  };

  const fileBase = `tokenledger-${view.by.join('-') || 'totals'}-${r?.from ?? 'start'}-${r?.to ?? 'end'}`;
  const tokenHead = view.metric === 'tokens' && view.tokenClass !== 'total' ? `Tokens (${CLASS_LABELS[view.tokenClass].toLowerCase()})` : 'Tokens';

  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">Explore</h1>
      <form className="toolbar" aria-label="View" onSubmit={(e) => e.preventDefault()}>
        <label>
          Period
          <select value={view.preset} onChange={(e) => set({ preset: e.target.value as DatePreset, ...(e.target.value === 'custom' ? range : {}) })}>
            {DATE_PRESETS.map((p) => (
              <option key={p} value={p}>
                {PRESET_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        {view.preset === 'custom' && (
          <>
            <label>
              From
              <input type="date" value={view.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
            </label>
            <label>
              To
              <input type="date" value={view.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
            </label>
          </>
        )}
        <label>
          Group by
          <select value={view.by[0] ?? ''} onChange={(e) => set({ by: e.target.value ? [e.target.value as Dimension, ...view.by.slice(1).filter((d) => d !== e.target.value)] : [] })}>
            <option value="">Nothing (totals)</option>
            {DIMENSIONS.map((d) => (
              <option key={d} value={d}>
                {DIMENSION_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Then by
          <select
            value={view.by[1] ?? ''}
            disabled={view.by.length === 0}
            onChange={(e) => set({ by: [view.by[0]!, ...(e.target.value ? [e.target.value as Dimension] : [])] })}
          >
            <option value="">—</option>
            {DIMENSIONS.filter((d) => d !== view.by[0]).map((d) => (
              <option key={d} value={d}>
                {DIMENSION_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Metric
          <select value={view.metric} onChange={(e) => set({ metric: e.target.value as Metric, sort: 'metric' })}>
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        {view.metric === 'tokens' && (
          <label>
            Token class
            <select value={view.tokenClass} onChange={(e) => set({ tokenClass: e.target.value as TokenMetricClass })}>
              {(['total', ...TOKEN_CLASSES] as const).map((c) => (
                <option key={c} value={c}>
                  {CLASS_LABELS[c]}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          Granularity
          <select value={view.bucket} onChange={(e) => set({ bucket: e.target.value as Bucket })}>
            {(['none', 'day', 'week', 'month'] as const).map((b) => (
              <option key={b} value={b}>
                {BUCKET_LABELS[b]}
              </option>
            ))}
          </select>
        </label>
        <AddFilter view={view} range={range} onAdd={(d, value) => set({ filters: { ...view.filters, [d]: [...(view.filters[d] ?? []).filter((x) => x !== value), value] } })} />
      </form>
      <FilterChips filters={view.filters} onRemove={(d, value) => set({ filters: { ...view.filters, [d]: (view.filters[d] ?? []).filter((x) => x !== value) } })} />

      {report.state === 'error' && (
        <p role="alert" className="error">
          {report.error.message}
        </p>
      )}
      {!r && <p aria-busy="true" className="chart-box">Loading…</p>}
      {r && (
        <div aria-busy={report.state === 'loading'}>
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
          {r.rows.length === 0 ? (
            <p className="empty chart-box">Nothing matches this view. Widen the period or remove a filter.</p>
          ) : (
            <>
              <StackedBars
                data={chart!.data}
                series={chart!.series}
                stacked={ADDITIVE.includes(view.metric)}
                label={`${METRIC_LABELS[view.metric]}${r.groupBy.length ? ` by ${r.groupBy.map((d) => DIMENSION_LABELS[d].toLowerCase()).join(' and ')}` : ''}${r.bucket !== 'none' ? ` per ${r.bucket}` : ''}`}
                format={(x) => formatMetric(x, view.metric, cur)}
              />
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
              <div className="table-scroll">
                <table className="data" data-testid="explore-table">
                  <caption className="sr-only">Explore table, {METRIC_LABELS[view.metric].toLowerCase()}</caption>
                  <thead>
                    <tr>
                      {r.bucket !== 'none' && sortHeader('bucket', BUCKET_LABELS[r.bucket])}
                      {r.groupBy.map((d, i) => sortHeader(i === 0 ? 'k0' : 'k1', DIMENSION_LABELS[d]))}
                      {r.groupBy.length === 0 && r.bucket === 'none' && <th scope="col">View</th>}
                      {sortHeader('spend', `Spend (${cur})`, true)}
                      {sortHeader('tokens', tokenHead, true)}
                      {sortHeader('requests', 'Requests', true)}
                      {sortHeader('cost_per_mtok', 'Cost / 1M tokens', true)}
                      {sortHeader('cache_read_share', 'Cache-read share', true)}
                    </tr>
                  </thead>
                  <tbody ref={tbody} onKeyDown={onRowKey}>
                    {rows.slice(0, TABLE_LIMIT).map((g) => {
                      const lead = [...(r.bucket !== 'none' ? [g.bucket ?? ''] : []), ...g.keys.map(keyLabel)];
                      if (lead.length === 0) lead.push('All');
                      const k = JSON.stringify([g.bucket, g.keys]);
                      return (
                        <tr key={k} data-keys={JSON.stringify(g.keys)} data-bucket={g.bucket ?? ''}>
                          {lead.map((text, i) =>
                            i === 0 ? (
                              <th key={i} scope="row">
                                <button type="button" className="row-drill link" onClick={() => openDrill(g)} aria-label={`Show the facts behind ${lead.join(', ')}`}>
                                  {text}
                                </button>
                              </th>
                            ) : (
                              <td key={i}>{text}</td>
                            ),
                          )}
                          <td className="num" data-col="spend">
                            {spendText(g, cur)}
                          </td>
                          <td className="num" data-col="tokens">
                            {formatInteger(view.metric === 'tokens' && view.tokenClass !== 'total' ? g.tokens[view.tokenClass] : tokenTotal(g.tokens))}
                          </td>
                          <td className="num" data-col="requests">
                            {formatInteger(g.requests)}
                          </td>
                          <td className="num">{costPerMText(g, cur)}</td>
                          <td className="num">{shareText(g)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                  <tfoot>
                    <tr data-testid="explore-totals">
                      <th scope="row" colSpan={Math.max(1, (r.bucket !== 'none' ? 1 : 0) + r.groupBy.length)}>
                        Total
                      </th>
                      <td className="num" data-col="spend">
                        {spendText(r.totals, cur)}
                      </td>
                      <td className="num" data-col="tokens">
                        {formatInteger(view.metric === 'tokens' && view.tokenClass !== 'total' ? r.totals.tokens[view.tokenClass] : tokenTotal(r.totals.tokens))}
                      </td>
                      <td className="num" data-col="requests">
                        {formatInteger(r.totals.requests)}
                      </td>
                      <td className="num">{costPerMText(r.totals, cur)}</td>
                      <td className="num">{shareText(r.totals)}</td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            </>
          )}
          <FxNote display={r.display} />
          {drill && (
            <div onKeyDown={(e) => e.key === 'Escape' && setDrill(null)}>
              <button type="button" onClick={() => setDrill(null)}>
                Close the facts
              </button>
              <FactList query={{ from: drill.from, to: drill.to, filters: drill.filters }} label={drill.label} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function FilterChips({ filters, onRemove }: { filters: Filters; onRemove: (d: Dimension, v: string | null) => void }) {
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
function AddFilter({ view, range, onAdd }: { view: ExploreView; range: { from?: string; to?: string }; onAdd: (d: Dimension, v: string | null) => void }) {
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

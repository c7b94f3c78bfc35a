/** Explore's table: a row per group (sortable by any column, ↑ ↓ move between rows) and the engine's totals. */
import { useMemo, type KeyboardEvent, type ReactNode } from 'react';
import type { ReportExplore, ViewGroup } from '../../../../shared/contract/api/report';
import { tokenTotal } from '../../../../shared/domain/aggregate';
import { useT } from '../../ui/i18n';
import { formatInteger } from '../../ui/format';
import { NamedKey, nameOf } from '../../ui/named-key';
import { costPerMText, shareText, spendText } from './explore-figures';
import { BUCKET_LABELS, CLASS_LABELS, DIMENSION_LABELS, keyLabel, METRIC_LABELS } from './explore-labels';
import { compare, sortValue, type SortKey } from './explore-sort';
import type { ExploreView } from './view-state';

/** Rows drawn in the table (the export has them all). */
export const TABLE_LIMIT = 500;

const tokensOf = (g: Pick<ViewGroup, 'tokens'>, view: ExploreView) =>
  view.metric === 'tokens' && view.tokenClass !== 'total' ? g.tokens[view.tokenClass] : tokenTotal(g.tokens);

function GroupRow({ g, r, view, cur, onDrill }: { g: ViewGroup; r: ReportExplore; view: ExploreView; cur: string; onDrill(g: ViewGroup): void }) {
  const t = useT();
  const hasBucket = r.bucket !== 'none';
  // Each lead cell: its text (display names for named ids) and the dimension it shows (null: the bucket).
  const cells: { text: string; dim: string | null; id: string | null }[] = [
    ...(hasBucket ? [{ text: g.bucket ?? '', dim: null, id: null }] : []),
    ...g.keys.map((k, i) => ({ text: nameOf(r.names, r.groupBy[i]!, k, keyLabel(k, t)), dim: r.groupBy[i]!, id: k })),
  ];
  if (cells.length === 0) cells.push({ text: t('explore.all'), dim: null, id: null });
  const all = cells.map((c) => c.text).join(', ');
  const draw = (c: (typeof cells)[number], inner?: (text: string) => ReactNode) =>
    c.dim === null ? (inner ? inner(c.text) : c.text) : <NamedKey dimension={c.dim} id={c.id} names={r.names} ids={r.ids} fallback={keyLabel(null, t)} {...(inner ? { children: inner } : {})} />;
  return (
    <tr data-keys={JSON.stringify(g.keys)} data-bucket={g.bucket ?? ''}>
      {cells.map((c, i) =>
        i === 0 ? (
          <th key={i} scope="row">
            {draw(c, (text) => (
              <button type="button" className="row-drill link" onClick={() => onDrill(g)} aria-label={t('explore.showFacts', { label: all })}>
                {text}
              </button>
            ))}
          </th>
        ) : (
          <td key={i}>{draw(c)}</td>
        ),
      )}
      <td className="num" data-col="spend">
        {spendText(g, cur)}
      </td>
      <td className="num" data-col="tokens">
        {formatInteger(tokensOf(g, view))}
      </td>
      <td className="num" data-col="requests">
        {formatInteger(g.requests)}
      </td>
      <td className="num">{costPerMText(g, cur)}</td>
      <td className="num">{shareText(g)}</td>
    </tr>
  );
}

function TotalsRow({ r, view, cur }: { r: ReportExplore; view: ExploreView; cur: string }) {
  const t = useT();
  return (
    <tr data-testid="explore-totals">
      <th scope="row" colSpan={Math.max(1, (r.bucket !== 'none' ? 1 : 0) + r.groupBy.length)}>
        {t('explore.total')}
      </th>
      <td className="num" data-col="spend">
        {spendText(r.totals, cur)}
      </td>
      <td className="num" data-col="tokens">
        {formatInteger(tokensOf(r.totals, view))}
      </td>
      <td className="num" data-col="requests">
        {formatInteger(r.totals.requests)}
      </td>
      <td className="num">{costPerMText(r.totals, cur)}</td>
      <td className="num">{shareText(r.totals)}</td>
    </tr>
  );
}

/** ↑ ↓ move the focus between the rows' drill buttons. */
function onRowKey(e: KeyboardEvent<HTMLTableSectionElement>) {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.row-drill')];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (i < 0) return;
  e.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
}

export function ExploreTable({
  r,
  view,
  cur,
  set,
  onDrill,
}: {
  r: ReportExplore;
  view: ExploreView;
  cur: string;
  set(patch: Partial<ExploreView>): void;
  onDrill(g: ViewGroup): void;
}) {
  const sortKey: SortKey = view.sort === 'metric' ? (view.metric === 'tokens' ? 'tokens' : (view.metric as SortKey)) : (view.sort as SortKey);
  const rows = useMemo(() => {
    const list = [...r.rows];
    list.sort((a, b) => compare(sortValue(a, sortKey, view), sortValue(b, sortKey, view)) * (view.desc ? -1 : 1));
    return list;
  }, [r, sortKey, view]);
  const t = useT();
  const tokenHead = view.metric === 'tokens' && view.tokenClass !== 'total' ? t('explore.col.tokensOf', { cls: t(CLASS_LABELS[view.tokenClass]) }) : t('explore.col.tokens');

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

  return (
    <div className="table-scroll">
      <table className="data" data-testid="explore-table">
        <caption className="sr-only">{t('explore.caption', { metric: t(METRIC_LABELS[view.metric]) })}</caption>
        <thead>
          <tr>
            {r.bucket !== 'none' && sortHeader('bucket', t(BUCKET_LABELS[r.bucket]))}
            {r.groupBy.map((d, i) => sortHeader(i === 0 ? 'k0' : 'k1', t(DIMENSION_LABELS[d])))}
            {r.groupBy.length === 0 && r.bucket === 'none' && <th scope="col">{t('explore.view')}</th>}
            {sortHeader('spend', t('explore.col.spend', { cur }), true)}
            {sortHeader('tokens', tokenHead, true)}
            {sortHeader('requests', t('explore.metric.requests'), true)}
            {sortHeader('cost_per_mtok', t('explore.col.costPerMtok'), true)}
            {sortHeader('cache_read_share', t('explore.metric.cacheReadShare'), true)}
          </tr>
        </thead>
        <tbody onKeyDown={onRowKey}>
          {rows.slice(0, TABLE_LIMIT).map((g) => (
            <GroupRow key={JSON.stringify([g.bucket, g.keys])} g={g} r={r} view={view} cur={cur} onDrill={onDrill} />
          ))}
        </tbody>
        <tfoot>
          <TotalsRow r={r} view={view} cur={cur} />
        </tfoot>
      </table>
    </div>
  );
}

/**
 * The facts behind a view, in a windowed list (@tanstack/react-virtual, as every table that grows with the
 * ledger): only the rows in sight are in the DOM, pages of 500 are fetched from `report.facts` as they
 * scroll into view, so 100,000 rows stay smooth.
 */
import { useEffect, useRef, useState } from 'react';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { ReportFact } from '../../../../shared/contract/api/report';
import type { Filters } from './view-state';
import { useApp } from '../../client/store';
import { formatExactMoney, formatInteger } from '../../ui/format';
import { useT, useTRich } from '../../ui/i18n';
import type { MessageId } from '../../../../shared/i18n';

/** The columns' names and whether they hold numbers. */
const FACT_COLUMNS: [MessageId, boolean][] = [
  ['explore.fact.start', false],
  ['explore.dim.provider', false],
  ['explore.dim.model', false],
  ['explore.dim.project', false],
  ['explore.fact.key', false],
  ['explore.fact.type', false],
  ['explore.metric.tokens', true],
  ['explore.metric.requests', true],
  ['explore.fact.money', true],
];

const ROW = 28;
const PAGE = 500;
const HEIGHT = 360;
const COLUMNS = '10.5rem minmax(5rem, 0.8fr) minmax(7rem, 1.4fr) minmax(5rem, 1fr) minmax(5rem, 1fr) 4rem 6rem 4.5rem minmax(9rem, 1.3fr)';

export interface FactQuery {
  from?: string | undefined;
  to?: string | undefined;
  filters: Filters;
}

/** One fact's cells: start, provider, model, project, key, type, tokens, requests, money. */
function FactCells({ f }: { f: ReportFact }) {
  const t = useT();
  return (
    <>
      <span role="cell">{f.start.slice(0, 19).replace('T', ' ')}</span>
      <span role="cell">{f.provider}</span>
      <span role="cell">{f.model ?? f.modelRaw ?? '—'}</span>
      <span role="cell">{f.project ?? '—'}</span>
      <span role="cell">{f.apiKey ?? '—'}</span>
      <span role="cell">{f.lineType}</span>
      <span role="cell" className="num">
        {formatInteger(f.tokens.input + f.tokens.cache_read + f.tokens.cache_write_5m + f.tokens.cache_write_1h + f.tokens.output)}
        {f.countsTokens ? '' : t('explore.fact.covered')}
      </span>
      <span role="cell" className="num">
        {formatInteger(f.requests)}
      </span>
      <span role="cell" className="num">
        {f.billed !== null
          ? t('explore.fact.billed', { amount: formatExactMoney(f.billed, f.billedCurrency!) })
          : f.recorded !== null
            ? t('explore.fact.recorded', { amount: formatExactMoney(f.recorded, f.recordedCurrency!) })
            : f.estimated !== null
              ? t('explore.fact.estimated', { amount: formatExactMoney(f.estimated, f.estimatedCurrency!) })
              : f.priceStatus === 'unpriced'
                ? t('explore.fact.unpriced')
                : '—'}
      </span>
    </>
  );
}

export function FactList({ query, label }: { query: FactQuery; label: string }) {
  const client = useApp((s) => s.client);
  const revision = useApp((s) => s.revision);
  const key = JSON.stringify([query, revision]);
  // Pages belong to one query: a new query starts empty (derived, not reset in an effect).
  const [data, setData] = useState<{ key: string; total: number | null; pages: Map<number, ReportFact[]> }>({ key, total: null, pages: new Map() });
  const { total, pages } = data.key === key ? data : { total: null, pages: new Map<number, ReportFact[]>() };
  const loading = useRef(new Set<number>());
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const t = useT();
  const tRich = useTRich();
  const count = total ?? 0;
  // The virtualizer's functions change with every scroll by design; nothing here memoizes them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count,
    getScrollElement: () => box.current,
    estimateSize: () => ROW,
    overscan: 4,
    // Below the sticky header row; where nothing is laid out (a test's DOM) the box is its full height.
    scrollMargin: ROW,
    initialRect: { width: 0, height: HEIGHT },
    observeElementRect: (instance, cb) => observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: HEIGHT })),
  });
  const items = v.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const needed = new Set([Math.floor(first / PAGE), Math.floor((items.at(-1)?.index ?? 0) / PAGE)]);

  useEffect(() => {
    if (!client) return;
    let live = true;
    const inflight = loading.current;
    for (const p of needed) {
      if (pages.has(p) || inflight.has(p) || (total !== null && p * PAGE >= total)) continue;
      inflight.add(p);
      const input = { ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}), filters: query.filters, offset: p * PAGE, limit: PAGE };
      void client.call('report.facts', input).then(
        (res) => {
          if (!live) return;
          setError(null);
          setData((d) => {
            const base = d.key === key ? d.pages : new Map<number, ReportFact[]>();
            return { key, total: res.total, pages: new Map(base).set(p, res.rows) };
          });
        },
        (e: unknown) => {
          if (!live) return;
          inflight.delete(p);
          setError((e as Error).message);
        },
      );
    }
    return () => {
      live = false;
      inflight.clear();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key, [...needed].join(','), total]);

  const rows = items.map(({ index: i, start }) => ({ i, top: start - ROW, f: pages.get(Math.floor(i / PAGE))?.[i % PAGE] }));

  return (
    <section className="drill" aria-label={label}>
      <h3>
        {tRich('explore.factCount', { label, count: <span data-testid="fact-count">{total === null ? '…' : formatInteger(total)}</span> })}
      </h3>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div
        className="vlist"
        style={{ height: Math.min(HEIGHT, (count + 1) * ROW + 2) }}
        ref={box}
        role="table"
        aria-label={t('explore.factsLabel', { label })}
        aria-rowcount={count + 1}
        tabIndex={0}
      >
        <div className="vrow vhead" role="row" style={{ gridTemplateColumns: COLUMNS, height: ROW, position: 'sticky' }}>
          {FACT_COLUMNS.map(([id, num]) => (
            <span key={id} role="columnheader" className={num ? 'num' : undefined}>
              {t(id)}
            </span>
          ))}
        </div>
        <div style={{ height: count * ROW, position: 'relative' }}>
          {rows.map(({ i, top, f }) => (
            <div key={i} className="vrow" role="row" aria-rowindex={i + 2} style={{ top, height: ROW, gridTemplateColumns: COLUMNS }}>
              {f ? <FactCells f={f} /> : <span role="cell">{t('app.loading')}</span>}
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

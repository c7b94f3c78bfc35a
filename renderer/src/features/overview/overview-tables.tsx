/** The Overview's tables: tokens by class, spend by origin region, top models and projects. */
import type { NameMap } from '../../../../shared/contract/api/names';
import { NamedKey } from '../../ui/named-key';
import type { OverviewShare, ReportOverview } from '../../../../shared/contract/api/report';
import { TOKEN_CLASSES, type TokenClass } from '../../../../shared/domain/fact';
import { formatAmounts, formatCompact, formatInteger, formatMoney } from '../../ui/format';
import { Change } from './change';

const CLASS_LABELS: Record<TokenClass, string> = {
  input: 'Input (uncached)',
  cache_read: 'Cache read',
  cache_write_5m: 'Cache write 5m',
  cache_write_1h: 'Cache write 1h',
  output: 'Output',
  reasoning: 'of which reasoning',
};

const REGION_LABELS: Record<string, string> = { US: 'United States', CN: 'China', EU: 'Europe', other: 'Other' };

export function TokensTable({ tokens }: { tokens: ReportOverview['totals']['tokens'] }) {
  return (
    <article className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">Tokens by class</h2>
      <table className="numbers" data-testid="tokens">
        <tbody>
          {TOKEN_CLASSES.map((c) => (
            <tr key={c} className={c === 'reasoning' ? 'sub' : undefined}>
              <th scope="row">{CLASS_LABELS[c]}</th>
              <td data-class={c}>{formatInteger(tokens[c])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

export function RegionsTable({ o, cur }: { o: ReportOverview; cur: string }) {
  const total = o.totals.spendDisplay;
  return (
    <article className="card" aria-labelledby="regions-title">
      <h2 id="regions-title">Spend by origin region</h2>
      <table className="data" data-testid="regions">
        <thead>
          <tr>
            <th scope="col">Region</th>
            <th scope="col" className="num">
              Spend
            </th>
            <th scope="col" className="num">
              Share
            </th>
            <th scope="col" className="num">
              vs last month
            </th>
          </tr>
        </thead>
        <tbody>
          {o.regions.map((r) => (
            <tr key={String(r.key)} data-key={r.key ?? ''}>
              <th scope="row">{r.key === null ? 'Not stated' : (REGION_LABELS[r.key] ?? r.key)}</th>
              <td className="num">{r.spendDisplay === null ? formatAmounts(r.spend).join(' + ') : formatMoney(r.spendDisplay, cur)}</td>
              <td className="num">
                {r.spendDisplay !== null && total !== null && Number(total) !== 0 ? `${((Number(r.spendDisplay) / Number(total)) * 100).toFixed(1)}%` : '—'}
              </td>
              <td className="num">
                <Change now={r.spendDisplay} before={r.previousSpendDisplay} money />
              </td>
            </tr>
          ))}
          {o.credits && (
            <tr data-key="credits" className="credits">
              <th scope="row">Credits and refunds (no region)</th>
              <td className="num">{o.credits.spendDisplay === null ? formatAmounts(o.credits.spend).join(' + ') : formatMoney(o.credits.spendDisplay, cur)}</td>
              <td className="num">—</td>
              <td className="num">
                <Change now={o.credits.spendDisplay} before={o.credits.previousSpendDisplay} money />
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </article>
  );
}

export function ShareTable({
  title,
  rows,
  cur,
  id,
  label,
  dimension,
  names,
}: {
  title: string;
  rows: OverviewShare[];
  cur: string;
  id: string;
  label: (k: string | null) => string;
  /** The dimension of the keys: a named one (project) shows display names and an inline rename. */
  dimension?: string;
  names?: NameMap;
}) {
  return (
    <article className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">Nothing in this period.</p>
      ) : (
        <table className="data" data-testid={id}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" className="num">
                Spend
              </th>
              <th scope="col" className="num">
                Tokens
              </th>
              <th scope="col" className="num">
                vs last month
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r.key)} data-key={r.key ?? ''}>
                <th scope="row">{dimension ? <NamedKey dimension={dimension} id={r.key} names={names} fallback={label(null)} /> : label(r.key)}</th>
                <td className="num" title={formatAmounts(r.spend).join(' + ')}>
                  {r.spendDisplay === null ? formatAmounts(r.spend).join(' + ') : formatMoney(r.spendDisplay, cur)}
                </td>
                <td className="num">{formatCompact(r.tokens)}</td>
                <td className="num">
                  <Change now={r.spendDisplay} before={r.previousSpendDisplay} money />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}

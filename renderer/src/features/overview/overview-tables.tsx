/** The Overview's tables: tokens by class, spend by origin region, top models and projects. */
import type { NameIds, NameMap } from '../../../../shared/contract/api/names';
import { NamedKey } from '../../ui/named-key';
import type { OverviewShare, ReportOverview } from '../../../../shared/contract/api/report';
import { TOKEN_CLASSES } from '../../../../shared/domain/fact';
import { CLASS_LABELS } from '../../ui/token-classes';
import { formatAmounts, formatCompact, formatInteger, formatMoney, formatPercent } from '../../ui/format';
import { useT } from '../../ui/i18n';
import type { MessageId } from '../../../../shared/i18n';
import { Change } from './change';


const REGION_LABELS: Record<string, MessageId> = { US: 'app.region.US', CN: 'app.region.CN', EU: 'app.region.EU', other: 'app.region.other' };

export function TokensTable({ tokens }: { tokens: ReportOverview['totals']['tokens'] }) {
  const t = useT();
  return (
    <article className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('overview.tokensByClass')}</h2>
      <table className="numbers" data-testid="tokens">
        <tbody>
          {TOKEN_CLASSES.map((c) => (
            <tr key={c} className={c === 'reasoning' ? 'sub' : undefined}>
              <th scope="row">{t(CLASS_LABELS[c])}</th>
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
  const t = useT();
  return (
    <article className="card" aria-labelledby="regions-title">
      <h2 id="regions-title">{t('overview.regionsTitle')}</h2>
      <table className="data" data-testid="regions">
        <thead>
          <tr>
            <th scope="col">{t('overview.col.region')}</th>
            <th scope="col" className="num">
              {t('overview.col.spend')}
            </th>
            <th scope="col" className="num">
              {t('overview.col.share')}
            </th>
            <th scope="col" className="num">
              {t('overview.col.vsLastMonth')}
            </th>
          </tr>
        </thead>
        <tbody>
          {o.regions.map((r) => (
            <tr key={String(r.key)} data-key={r.key ?? ''}>
              <th scope="row">{r.key === null ? t('overview.notStated') : REGION_LABELS[r.key] ? t(REGION_LABELS[r.key]!) : r.key}</th>
              <td className="num">{r.spendDisplay === null ? formatAmounts(r.spend).join(' + ') : formatMoney(r.spendDisplay, cur)}</td>
              <td className="num">
                {r.spendDisplay !== null && total !== null && Number(total) !== 0 ? formatPercent(Number(r.spendDisplay) / Number(total)) : '—'}
              </td>
              <td className="num">
                <Change now={r.spendDisplay} before={r.previousSpendDisplay} money />
              </td>
            </tr>
          ))}
          {o.credits && (
            <tr data-key="credits" className="credits">
              <th scope="row">{t('overview.credits')}</th>
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
  ids,
}: {
  title: string;
  rows: OverviewShare[];
  cur: string;
  id: string;
  label: (k: string | null) => string;
  /** The dimension of the keys: a named one (project) shows display names and an inline rename. */
  dimension?: string;
  names?: NameMap;
  ids?: NameIds;
}) {
  const t = useT();
  return (
    <article className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('overview.nothingInPeriod')}</p>
      ) : (
        <table className="data" data-testid={id}>
          <thead>
            <tr>
              <th scope="col">{t('overview.col.name')}</th>
              <th scope="col" className="num">
                {t('overview.col.spend')}
              </th>
              <th scope="col" className="num">
                {t('overview.col.tokens')}
              </th>
              <th scope="col" className="num">
                {t('overview.col.vsLastMonth')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={String(r.key)} data-key={r.key ?? ''}>
                <th scope="row">{dimension ? <NamedKey dimension={dimension} id={r.key} names={names} ids={ids} fallback={label(null)} /> : label(r.key)}</th>
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

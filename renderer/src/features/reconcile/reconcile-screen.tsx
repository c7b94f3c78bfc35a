/**
 * Reconcile: bills vs estimates per provider and month (and per day and model where both sides name it),
 * with the delta and what the ledger can tell about it.
 */
import { useState } from 'react';
import type { ReconcileLine } from '../../../../shared/contract/api/reconcile';
import { useApiData } from '../../client/use-api';
import { formatMoney } from '../../ui/format';
import { UnpricedBanner } from '../../ui/unpriced-banner';
import { VirtualTable } from '../../ui/virtual-table';
import { MonthClose } from './month-close';
import '../../ui/dashboard.css';
import '../../ui/prices-reconcile.css';
import { useSay, useT } from '../../ui/i18n';

const money = (v: string | null, cur: string) => (v === null ? '—' : formatMoney(v, cur));

function Lines({ lines, caption, testId, byDay }: { lines: ReconcileLine[]; caption: string; testId: string; byDay?: boolean }) {
  const t = useT();
  const say = useSay();
  // Day by model grows with the ledger (thousands of rows): only the rows in sight are drawn.
  return (
    <VirtualTable
      rows={lines}
      rowKey={(l) => `${l.provider}|${l.period}|${l.model ?? ''}|${l.currency}`}
      data-testid={testId}
      caption={caption}
      columns={byDay ? 8 : 7}
      estimate={byDay ? 44 : 36}
      head={
        <tr aria-rowindex={1}>
          <th scope="col">{t('explore.dim.provider')}</th>
          <th scope="col">{byDay ? t('explore.bucket.day') : t('explore.bucket.month')}</th>
          {byDay && <th scope="col">{t('explore.dim.model')}</th>}
          <th scope="col" className="num">{t('imports.col.billed')}</th>
          <th scope="col" className="num">{t('reconcile.estimate')}</th>
          <th scope="col" className="num opt">{t('reconcile.delta')}</th>
          <th scope="col" className="num">{t('reconcile.deltaPercent')}</th>
          <th scope="col">{t('reconcile.why')}</th>
        </tr>
      }
      renderRow={(l, props) => (
        <tr {...props} className={l.withinOnePercent === false ? 'off' : undefined} data-off={l.withinOnePercent === false ? 'true' : undefined}>
          <th scope="row">{l.provider}</th>
          <td>{l.period}</td>
          {byDay && (
            <td className="model">
              <span title={l.model ?? undefined}>{l.model}</span>
            </td>
          )}
          <td className="num">{money(l.billed, l.currency)}</td>
          <td className="num">{money(l.estimated, l.currency)}</td>
          <td className="num opt">{money(l.delta, l.currency)}</td>
          <td className="num" title={money(l.delta, l.currency)}>
            {l.deltaPercent === null ? '—' : `${l.deltaPercent} %`}
            {l.withinOnePercent === false && <span className="badge warn"> {t('reconcile.over1')}</span>}
          </td>
          <td>
            {l.explanations.length === 0 ? (
              <span className="muted">{t('reconcile.matches')}</span>
            ) : (
              <ul className="reasons">
                {l.explanations.map((e) => (
                  <li key={e.reason} data-reason={e.reason}>
                    {say(e.said)}
                  </li>
                ))}
                {l.unpricedTokens > 0 && <li className="muted">{t('reconcile.unpricedTokens', { count: l.unpricedTokens })}</li>}
              </ul>
            )}
          </td>
        </tr>
      )}
    />
  );
}

export function ReconcileScreen() {
  const [month, setMonth] = useState('');
  const data = useApiData((c) => c.call('reconcile.report', month ? { month } : {}), [month]);
  const r = data.value;
  const t = useT();
  const say = useSay();
  return (
    <div className="screen reconcile">
      <h1>{t('reconcile.title')}</h1>
      {r && <UnpricedBanner unpriced={r.unpriced} />}
      <div className="toolbar">
        <label>
          {t('overview.month')}
          <select value={month} onChange={(e) => setMonth(e.target.value)}>
            <option value="">{t('reconcile.allMonths')}</option>
            {(r?.months ?? []).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
      </div>
      {data.state === 'error' && <p role="alert" className="error">{data.error.message}</p>}
      <MonthClose month={month} />
      {!r ? (
        <p aria-busy="true">{t('reconcile.comparing')}</p>
      ) : r.lines.length === 0 ? (
        <div className="empty">
          <h2>{t('reconcile.none.title')}</h2>
          <p>{t('reconcile.none.text')}</p>
        </div>
      ) : (
        <>
          <p className="verdict" data-testid="reconcile-verdict">
            <strong>{say(r.verdict.said)}</strong> <span className="muted">{say(r.verdict.signSaid)}</span>
          </p>
          <section className="card wide" aria-labelledby="rec-month-title">
            <h2 id="rec-month-title">{t('reconcile.perMonth')}</h2>
            <Lines lines={r.lines} caption={t('reconcile.perMonthCaption')} testId="reconcile-lines" />
          </section>
          {r.details.length > 0 && (
            <section className="card wide" aria-labelledby="rec-day-title">
              <h2 id="rec-day-title">{t('reconcile.perDay')}</h2>
              <Lines lines={r.details} caption={t('reconcile.perDayCaption')} testId="reconcile-details" byDay />
            </section>
          )}
        </>
      )}
    </div>
  );
}

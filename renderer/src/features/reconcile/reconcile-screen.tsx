/**
 * Reconcile: bills vs estimates per provider and month (and per day and model where both sides name it),
 * with the delta and what the ledger can tell about it.
 */
import { useState } from 'react';
import type { ReconcileLine } from '../../../../shared/contract/api/reconcile';
import { useApiData } from '../../client/use-api';
import { formatInteger, formatMoney } from '../../ui/format';
import { UnpricedBanner } from '../../ui/unpriced-banner';
import { MonthClose } from './month-close';
import '../../ui/dashboard.css';
import '../../ui/prices-reconcile.css';

const money = (v: string | null, cur: string) => (v === null ? '—' : formatMoney(v, cur));

function Lines({ lines, caption, testId, byDay }: { lines: ReconcileLine[]; caption: string; testId: string; byDay?: boolean }) {
  return (
    <div className="table-scroll">
      <table className="data" data-testid={testId}>
        <caption className="muted">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">{byDay ? 'Day' : 'Month'}</th>
            {byDay && <th scope="col">Model</th>}
            <th scope="col" className="num">Billed</th>
            <th scope="col" className="num">Estimate</th>
            <th scope="col" className="num">Delta</th>
            <th scope="col" className="num">Delta %</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={`${l.provider}|${l.period}|${l.model ?? ''}|${l.currency}`} className={l.withinOnePercent === false ? 'off' : undefined} data-off={l.withinOnePercent === false ? 'true' : undefined}>
              <th scope="row">{l.provider}</th>
              <td>{l.period}</td>
              {byDay && <td>{l.model}</td>}
              <td className="num">{money(l.billed, l.currency)}</td>
              <td className="num">{money(l.estimated, l.currency)}</td>
              <td className="num">{money(l.delta, l.currency)}</td>
              <td className="num">
                {l.deltaPercent === null ? '—' : `${l.deltaPercent} %`}
                {l.withinOnePercent === false && <span className="badge warn"> over 1 %</span>}
              </td>
              <td>
                {l.explanations.length === 0 ? (
                  <span className="muted">Matches</span>
                ) : (
                  <ul className="reasons">
                    {l.explanations.map((e) => (
                      <li key={e.reason} data-reason={e.reason}>
                        {e.text}
                      </li>
                    ))}
                    {l.unpricedTokens > 0 && <li className="muted">{formatInteger(l.unpricedTokens)} tokens without a price</li>}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReconcileScreen() {
  const [month, setMonth] = useState('');
  const data = useApiData((c) => c.call('reconcile.report', month ? { month } : {}), [month]);
  const r = data.value;
  return (
    <div className="screen reconcile">
      <h1>Bills vs estimates</h1>
      {r && <UnpricedBanner unpriced={r.unpriced} />}
      <div className="toolbar">
        <label>
          Month
          <select value={month} onChange={(e) => setMonth(e.target.value)}>
            <option value="">All months</option>
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
        <p aria-busy="true">Comparing bills with usage…</p>
      ) : r.lines.length === 0 ? (
        <div className="empty">
          <h2>Nothing to compare yet</h2>
          <p>Import a cost export (OpenAI costs, Anthropic cost report, a cloud bill) and the usage export of the same vendor.</p>
        </div>
      ) : (
        <>
          <p className="verdict" data-testid="reconcile-verdict">
            <strong>{r.verdict.text}</strong> <span className="muted">{r.verdict.sign}</span>
          </p>
          <section className="card wide" aria-labelledby="rec-month-title">
            <h2 id="rec-month-title">Per provider and month</h2>
            <Lines lines={r.lines} caption="Charges billed (before credits and tax) vs the price book's estimate of the usage, in the bill's currency" testId="reconcile-lines" />
          </section>
          {r.details.length > 0 && (
            <section className="card wide" aria-labelledby="rec-day-title">
              <h2 id="rec-day-title">Per day and model</h2>
              <Lines lines={r.details} caption="Where both the bill and the usage name the model" testId="reconcile-details" byDay />
            </section>
          )}
        </>
      )}
    </div>
  );
}

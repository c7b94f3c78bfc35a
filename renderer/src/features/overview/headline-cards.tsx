/** The Overview's headline figures: spend, the month-end forecast, requests. */
import type { ReportOverview } from '../../../../shared/contract/api/report';
import { formatAmounts, formatInteger, formatMoney } from '../../ui/format';
import { fxTitle } from '../../ui/fx-note';
import { Change } from './change';

function SpendCard({ o, cur }: { o: ReportOverview; cur: string }) {
  const t = o.totals;
  return (
    <article className="card" aria-labelledby="spend-title">
      <h2 id="spend-title">Spend</h2>
      <p className="figure" data-testid="spend-display" title={fxTitle(o.display)}>
        {t.spendDisplay === null ? '—' : formatMoney(t.spendDisplay, cur)}
      </p>
      {o.comparison.comparable ? (
        <p>
          <Change now={t.spendDisplay} before={o.previousTotals.spendDisplay} money />{' '}
          <span className="muted">
            vs {o.previousTotals.spendDisplay === null ? '—' : formatMoney(o.previousTotals.spendDisplay, cur)} last month
          </span>
        </p>
      ) : (
        <p className="muted" data-testid="comparison">
          {o.comparison.reason}
        </p>
      )}
      <p className="muted">Native amounts, as billed or estimated (not converted):</p>
      <ul className="amounts" data-testid="spend" aria-label="Native amounts in each currency">
        {formatAmounts(t.spend).map((a) => (
          <li key={a} className="figure small">
            {a}
          </li>
        ))}
      </ul>
      <p className="muted">billed where a bill covers it, else estimated</p>
      {Object.keys(t.notional).length > 0 && (
        <p data-testid="notional" title="Usage a plan includes, at list price: not spend">
          + {t.notionalDisplay === null ? '—' : formatMoney(t.notionalDisplay, cur)} <span className="muted">value at list price included in plans (not spend)</span>
        </p>
      )}
    </article>
  );
}

function ForecastCard({ o, cur }: { o: ReportOverview; cur: string }) {
  return (
    <article className="card" aria-labelledby="forecast-title">
      <h2 id="forecast-title">Month-end forecast</h2>
      {o.forecast ? (
        <>
          <p className="figure" data-testid="forecast">
            {formatMoney(o.forecast.point, cur)}
          </p>
          <p className="muted" data-testid="forecast-range">
            {o.forecast.single ? 'one value, no spread' : `range ${formatMoney(o.forecast.low, cur)} – ${formatMoney(o.forecast.high, cur)}`}, the budgets’ forecast
            for everything this month ({o.period.daysElapsed} of {o.period.daysInMonth} days)
          </p>
        </>
      ) : (
        <p className="muted">{o.period.isCurrentMonth ? 'Not enough data yet.' : 'The month shown is complete.'}</p>
      )}
    </article>
  );
}

function RequestsCard({ o }: { o: ReportOverview }) {
  const t = o.totals;
  return (
    <article className="card" aria-labelledby="requests-title">
      <h2 id="requests-title">Requests</h2>
      <p className="figure" data-testid="requests">
        {formatInteger(t.requests)}
      </p>
      <p>
        {o.comparison.comparable && <Change now={String(t.requests)} before={String(o.previousTotals.requests)} />}{' '}
        <span className="muted">{formatInteger(t.facts)} ledger rows</span>
      </p>
    </article>
  );
}

export function HeadlineCards({ o, cur }: { o: ReportOverview; cur: string }) {
  return (
    <div className="cards">
      <SpendCard o={o} cur={cur} />
      <ForecastCard o={o} cur={cur} />
      <RequestsCard o={o} />
    </div>
  );
}

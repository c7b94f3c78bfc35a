/** The Overview's headline figures: spend, the month-end forecast, requests. */
import type { ReportOverview } from '../../../../shared/contract/api/report';
import { formatAmounts, formatInteger, formatMoney } from '../../ui/format';
import { fxTitle } from '../../ui/fx-note';
import { Change } from './change';
import { useT } from '../../ui/i18n';

function SpendCard({ o, cur }: { o: ReportOverview; cur: string }) {
  const tr = useT();
  const t = o.totals;
  return (
    <article className="card" aria-labelledby="spend-title">
      <h2 id="spend-title">{tr('overview.spend')}</h2>
      <p className="figure" data-testid="spend-display" title={fxTitle(o.display)}>
        {t.spendDisplay === null ? '—' : formatMoney(t.spendDisplay, cur)}
      </p>
      {o.comparison.comparable ? (
        <p>
          <Change now={t.spendDisplay} before={o.previousTotals.spendDisplay} money />{' '}
          <span className="muted">
            {tr('overview.vsLastMonth', { amount: o.previousTotals.spendDisplay === null ? '—' : formatMoney(o.previousTotals.spendDisplay, cur) })}
          </span>
        </p>
      ) : (
        <p className="muted" data-testid="comparison">
          {o.comparison.reason}
        </p>
      )}
      <p className="muted">{tr('overview.nativeAmounts')}</p>
      <ul className="amounts" data-testid="spend" aria-label={tr('overview.nativeAmountsLabel')}>
        {formatAmounts(t.spend).map((a) => (
          <li key={a} className="figure small">
            {a}
          </li>
        ))}
      </ul>
      <p className="muted">{tr('overview.billedElseEstimated')}</p>
      {Object.keys(t.notional).length > 0 && (
        <p data-testid="notional" title={tr('overview.notionalTitle')}>
          + {t.notionalDisplay === null ? '—' : formatMoney(t.notionalDisplay, cur)} <span className="muted">{tr('overview.notional')}</span>
        </p>
      )}
    </article>
  );
}

function ForecastCard({ o, cur }: { o: ReportOverview; cur: string }) {
  const t = useT();
  return (
    <article className="card" aria-labelledby="forecast-title">
      <h2 id="forecast-title">{t('overview.forecast')}</h2>
      {o.deferred ? (
        <p className="muted" aria-busy="true">
          {t('app.loading')}
        </p>
      ) : o.forecast ? (
        <>
          <p className="figure" data-testid="forecast">
            {formatMoney(o.forecast.point, cur)}
          </p>
          <p className="muted" data-testid="forecast-range">
            {t('overview.forecastNote', {
              range: o.forecast.single ? t('overview.forecastSingle') : t('overview.forecastRange', { low: formatMoney(o.forecast.low, cur), high: formatMoney(o.forecast.high, cur) }),
              elapsed: o.period.daysElapsed,
              days: o.period.daysInMonth,
            })}
          </p>
        </>
      ) : (
        <p className="muted">{o.period.isCurrentMonth ? t('overview.notEnoughData') : t('overview.monthComplete')}</p>
      )}
    </article>
  );
}

function RequestsCard({ o }: { o: ReportOverview }) {
  const tr = useT();
  const t = o.totals;
  return (
    <article className="card" aria-labelledby="requests-title">
      <h2 id="requests-title">{tr('overview.requests')}</h2>
      <p className="figure" data-testid="requests">
        {formatInteger(t.requests)}
      </p>
      <p>
        {o.comparison.comparable && <Change now={String(t.requests)} before={String(o.previousTotals.requests)} />}{' '}
        <span className="muted">{tr('overview.ledgerRows', { count: t.facts })}</span>
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

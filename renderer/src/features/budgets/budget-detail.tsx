/** A budget's past periods, the alerts it fired and its webhook deliveries. */
import type { BudgetDetail } from '../../../../shared/contract/api/budgets';
import { useApiData } from '../../client/use-api';
import { formatBudgetValue, formatPercent, periodLabel } from './budget-format';
import { useSay, useT } from '../../ui/i18n';
import { formatDateTime } from '../../ui/format';

export function Detail({ id }: { id: number }) {
  const data = useApiData<BudgetDetail>((c) => c.call('budgets.get', { id }), [id]);
  const d = data.value;
  const t = useT();
  const say = useSay();
  if (!d) return <p aria-busy={data.state === 'loading'}>{data.state === 'error' ? data.error.message : t('app.loading')}</p>;
  return (
    <section className="card budget-detail" aria-labelledby="detail-title" data-testid="budget-detail">
      <h2 id="detail-title">{t('budgets.detail.history', { name: d.definition.name })}</h2>
      <table className="history">
        <thead>
          <tr>
            <th scope="col">{t('budgets.detail.period')}</th>
            <th scope="col">{t('budgets.detail.spent')}</th>
            <th scope="col">{t('budgets.detail.budget')}</th>
            <th scope="col">{t('budgets.detail.share')}</th>
          </tr>
        </thead>
        <tbody>
          {[...d.history].reverse().map((h) => (
            <tr key={h.key}>
              <th scope="row">
                {periodLabel(h, t)}
                {h.current ? t('budgets.detail.now') : ''}
              </th>
              <td>{formatBudgetValue(d, h.spent, t)}</td>
              <td>{formatBudgetValue(d, h.amount, t)}</td>
              <td className={h.state === 'over' ? 'error' : undefined}>{formatPercent(h.sharePercent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('budgets.alerts.title')}</h3>
      {d.alerts.length === 0 ? (
        <p className="muted">{t('budgets.detail.noAlerts')}</p>
      ) : (
        <ul className="alerts-list">
          {d.alerts.map((a) => (
            <li key={a.id}>
              {say(a.said)}
              <time dateTime={a.firedAt}>{formatDateTime(a.firedAt)}</time>
            </li>
          ))}
        </ul>
      )}
      {d.definition.webhookUrl && (
        <>
          <h3>{t('budgets.detail.deliveries')}</h3>
          {d.deliveries.length === 0 ? (
            <p className="muted">{t('budgets.detail.nothingSent', { url: d.definition.webhookUrl })}</p>
          ) : (
            <ul className="alerts-list" data-testid="deliveries">
              {d.deliveries.map((x) => (
                <li key={x.id} className={x.status === 'failed' ? 'error' : undefined}>
                  {t('budgets.detail.attempt', { attempt: x.attempt, status: x.status })}
                  {x.httpStatus !== null ? ` (HTTP ${x.httpStatus})` : ''}
                  {x.said ? t('budgets.detail.deliveryError', { error: say(x.said) }) : x.error ? t('budgets.detail.deliveryError', { error: x.error }) : ''}
                  <time dateTime={x.startedAt}>{formatDateTime(x.startedAt)}</time>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

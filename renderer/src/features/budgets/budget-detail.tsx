/** A budget's past periods, the alerts it fired and its webhook deliveries. */
import type { BudgetDetail } from '../../../../shared/contract/api/budgets';
import { useApiData } from '../../client/use-api';
import { formatBudgetValue, formatPercent } from './budget-format';

export function Detail({ id }: { id: number }) {
  const data = useApiData<BudgetDetail>((c) => c.call('budgets.get', { id }), [id]);
  const d = data.value;
  if (!d) return <p aria-busy={data.state === 'loading'}>{data.state === 'error' ? data.error.message : 'Loading…'}</p>;
  return (
    <section className="card budget-detail" aria-labelledby="detail-title" data-testid="budget-detail">
      <h2 id="detail-title">History of {d.definition.name}</h2>
      <table className="history">
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Spent</th>
            <th scope="col">Budget</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {[...d.history].reverse().map((h) => (
            <tr key={h.key}>
              <th scope="row">
                {h.label}
                {h.current ? ' (now)' : ''}
              </th>
              <td>{formatBudgetValue(d, h.spent)}</td>
              <td>{formatBudgetValue(d, h.amount)}</td>
              <td className={h.state === 'over' ? 'error' : undefined}>{formatPercent(h.sharePercent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Alerts</h3>
      {d.alerts.length === 0 ? (
        <p className="muted">No alert has fired for this budget.</p>
      ) : (
        <ul className="alerts-list">
          {d.alerts.map((a) => (
            <li key={a.id}>
              {a.message}
              <time dateTime={a.firedAt}>{new Date(a.firedAt).toLocaleString()}</time>
            </li>
          ))}
        </ul>
      )}
      {d.definition.webhookUrl && (
        <>
          <h3>Webhook deliveries</h3>
          {d.deliveries.length === 0 ? (
            <p className="muted">Nothing sent yet to {d.definition.webhookUrl}.</p>
          ) : (
            <ul className="alerts-list" data-testid="deliveries">
              {d.deliveries.map((x) => (
                <li key={x.id} className={x.status === 'failed' ? 'error' : undefined}>
                  Attempt {x.attempt}: {x.status}
                  {x.httpStatus !== null ? ` (HTTP ${x.httpStatus})` : ''}
                  {x.error ? `: ${x.error}` : ''}
                  <time dateTime={x.startedAt}>{new Date(x.startedAt).toLocaleString()}</time>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

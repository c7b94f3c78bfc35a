/** Every budget's alerts, newest first, with Mark all read. */
import { useState } from 'react';
import { useApp } from '../../client/store';
import { useApiData } from '../../client/use-api';

export function AlertsPanel() {
  const client = useApp((s) => s.client);
  const alertsRevision = useApp((s) => s.alertsRevision);
  const [tick, setTick] = useState(0);
  const data = useApiData((c) => c.call('alerts.list', { limit: 50 }), [tick, alertsRevision]);
  const v = data.value;
  async function markAll() {
    if (!client) return;
    await client.call('alerts.markRead', {});
    setTick((t) => t + 1);
  }
  return (
    <section className="card" aria-labelledby="alerts-title" data-testid="alerts-panel">
      <div className="budget-head">
        <h2 id="alerts-title">Alerts{v && v.active > 0 ? ` (${v.active} unread)` : ''}</h2>
        {v && v.active > 0 && (
          <div className="actions">
            <button type="button" onClick={() => void markAll()}>
              Mark all read
            </button>
          </div>
        )}
      </div>
      {!v ? (
        <p className="muted">Loading…</p>
      ) : v.alerts.length === 0 ? (
        <p className="muted">No alerts yet. Each threshold fires once per period, and a forecast over 100 % warns before it happens.</p>
      ) : (
        <ul className="alerts-list">
          {v.alerts.map((a) => (
            <li key={a.id} className={a.read ? undefined : 'unread'}>
              <a href={`#/budgets?id=${a.budgetId}`}>{a.message}</a>
              <time dateTime={a.firedAt}>{new Date(a.firedAt).toLocaleString()}</time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

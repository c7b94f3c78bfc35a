/** Every budget's alerts, newest first, with Mark all read. */
import { useState } from 'react';
import { useApp } from '../../client/store';
import { useApiData } from '../../client/use-api';
import { useSay, useT } from '../../ui/i18n';
import { formatDateTime } from '../../ui/format';

export function AlertsPanel() {
  const client = useApp((s) => s.client);
  const alertsRevision = useApp((s) => s.alertsRevision);
  const [tick, setTick] = useState(0);
  const t = useT();
  const say = useSay();
  const data = useApiData((c) => c.call('alerts.list', { limit: 50 }), [tick, alertsRevision]);
  const v = data.value;
  async function markAll() {
    if (!client) return;
    await client.call('alerts.markRead', {});
    setTick((n) => n + 1);
  }
  return (
    <section className="card" aria-labelledby="alerts-title" data-testid="alerts-panel">
      <div className="budget-head">
        <h2 id="alerts-title">{v && v.active > 0 ? t('budgets.alerts.unread', { count: v.active }) : t('budgets.alerts.title')}</h2>
        {v && v.active > 0 && (
          <div className="actions">
            <button type="button" onClick={() => void markAll()}>
              {t('budgets.alerts.markAll')}
            </button>
          </div>
        )}
      </div>
      {!v ? (
        <p className="muted" aria-busy="true">
          {t('app.loading')}
        </p>
      ) : v.alerts.length === 0 ? (
        <p className="muted">{t('budgets.alerts.none')}</p>
      ) : (
        <ul className="alerts-list">
          {v.alerts.map((a) => (
            <li key={a.id} className={a.read ? undefined : 'unread'}>
              <a href={`#/budgets?id=${a.budgetId}`}>{say(a.said)}</a>
              <time dateTime={a.firedAt}>{formatDateTime(a.firedAt)}</time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

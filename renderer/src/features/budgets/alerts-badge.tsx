/** The nav's unread-alerts badge: the count app/events.ts keeps in the store. */
import { useApp } from '../../client/store';
import './budgets.css';
import { useT } from '../../ui/i18n';

export function AlertsBadge() {
  const active = useApp((s) => s.unreadAlerts);
  const t = useT();
  if (!active) return null;
  return (
    <span className="nav-badge" data-testid="alerts-badge" aria-label={t('budgets.unreadAlerts', { count: active })} role="status">
      {active}
    </span>
  );
}

/** The nav's unread-alerts badge: the count app/events.ts keeps in the store. */
import { useApp } from '../../client/store';
import './budgets.css';

export function AlertsBadge() {
  const active = useApp((s) => s.unreadAlerts);
  if (!active) return null;
  return (
    <span className="nav-badge" data-testid="alerts-badge" aria-label={`${active} unread budget alert${active === 1 ? '' : 's'}`} role="status">
      {active}
    </span>
  );
}

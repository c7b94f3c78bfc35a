/**
 * Native notifications for budget alerts, as a thin adapter: the main process hands each fired alert of
 * an 'alerts.changed' event to a Notifier (Electron's Notification in electron-notifier.ts; a stand-in in
 * tests), and a click brings the window forward on that budget through a 'ui.navigate' event.
 * Kept free of the `electron` import so it can be tested without Electron.
 */
import type { ApiEvents } from '../../shared/contract/events';

export interface Notifier {
  notify(title: string, body: string, onClick: () => void): void;
}

export interface NotificationHost {
  /** Push an event to the window (webContents.send on the event channel). */
  send(event: 'ui.navigate', payload: ApiEvents['ui.navigate']): void;
  /** Show and focus the window. */
  focus(): void;
}

/** The hash route of one budget on the Budgets screen. */
export function budgetHash(budgetId: number): string {
  return `#/budgets?id=${budgetId}`;
}

/** A listener for 'alerts.changed': one notification per fired alert, never twice for the same alert. */
export function alertNotifications(notifier: Notifier, host: NotificationHost): (payload: ApiEvents['alerts.changed']) => void {
  const shown = new Set<number>();
  return (payload) => {
    for (const a of payload.fired ?? []) {
      if (shown.has(a.alertId)) continue;
      shown.add(a.alertId);
      notifier.notify(a.title, a.body, () => {
        host.focus();
        host.send('ui.navigate', { hash: budgetHash(a.budgetId) });
      });
    }
  };
}

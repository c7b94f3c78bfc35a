/**
 * Native notifications for budget alerts, as a thin adapter: the main process hands each fired alert of
 * an 'alerts.changed' event to a Notifier (Electron's Notification in electron-notifier.ts; a stand-in in
 * tests), and a click brings the window forward on that budget through a 'ui.navigate' event.
 * Kept free of the `electron` import so it can be tested without Electron.
 */
import type { ApiEvents } from '../../shared/contract/events';
import { createTranslator, type Locale } from '../../shared/i18n/index';
import { sayWith } from '../../shared/i18n/said';

export interface Notifier {
  notify(title: string, body: string, onClick: () => void): void;
}

export interface NotificationHost {
  /** Push an event to the window (webContents.send on the event channel). */
  send(event: 'ui.navigate', payload: ApiEvents['ui.navigate']): void;
  /** Show and focus the window. */
  focus(): void;
  /** The user's locale (Settings' choice, else the system's): notifications are said in it; English without. */
  locale?: () => Promise<Locale>;
}

/** The hash route of one budget on the Budgets screen. */
export function budgetHash(budgetId: number): string {
  return `#/budgets?id=${budgetId}`;
}

/** A listener for 'alerts.changed': one notification per fired alert, never twice for the same alert. */
export function alertNotifications(notifier: Notifier, host: NotificationHost): (payload: ApiEvents['alerts.changed']) => Promise<void> {
  const shown = new Set<number>();
  return async (payload) => {
    const fresh = (payload.fired ?? []).filter((a) => !shown.has(a.alertId));
    if (fresh.length === 0) return;
    for (const a of fresh) shown.add(a.alertId);
    const locale = host.locale ? await host.locale().catch(() => 'en' as const) : 'en';
    const intl = locale === 'en' ? null : createTranslator(locale).intl;
    for (const a of fresh) {
      const [title, body] = intl ? [sayWith(intl, a.titleSaid), sayWith(intl, a.bodySaid)] : [a.title, a.body];
      notifier.notify(title, body, () => {
        host.focus();
        host.send('ui.navigate', { hash: budgetHash(a.budgetId) });
      });
    }
  };
}

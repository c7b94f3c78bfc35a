/**
 * Every subscription of the window to the engine, in one place: each event becomes state in the app
 * store (client/store.ts), and screens read that state instead of subscribing themselves.
 */
import { useEffect } from 'react';
import type { ApiClient } from '../../../shared/contract/client';
import { parseRoute } from '../client/route';
import { useApp } from '../client/store';

/**
 * The unread-alerts count when the window opens. Read-only: the host evaluated every budget when it
 * started, and every import (the CLI's too) evaluates them after it lands.
 */
function unreadAlertsOnOpen(client: ApiClient): Promise<number> {
  return client.call('alerts.list', { limit: 1 }).then((r) => r.active);
}

/** The engine's push events, for as long as the window has this client. */
function useEngineSubscriptions(client: ApiClient): void {
  useEffect(() => {
    const app = useApp.getState();
    app.setClient(client);
    let live = true;
    const offs = [
      client.on('ledger.changed', () => useApp.getState().bump()),
      client.on('ui.import', ({ paths }) => {
        useApp.getState().setPendingImport(paths);
        window.location.hash = '#/imports';
      }),
      // A clicked notification opens the place it names.
      client.on('ui.navigate', ({ hash }) => {
        window.location.hash = hash;
      }),
      client.on('alerts.changed', (p) => useApp.getState().alertsChanged(p.active)),
      client.on('import.progress', (p) => useApp.getState().setImportProgress(p)),
    ];
    void unreadAlertsOnOpen(client).then(
      (active) => live && useApp.getState().setUnreadAlerts(active),
      () => undefined,
    );
    return () => {
      live = false;
      for (const off of offs) off();
      useApp.getState().setUnreadAlerts(null);
    };
  }, [client]);
}

/** What the window reloads whenever the ledger changes: settings, app info, the unread-alerts count. */
function useLedgerRevision(client: ApiClient): void {
  const revision = useApp((s) => s.revision);
  useEffect(() => {
    const app = useApp.getState();
    // A failed read keeps what the window shows (the screens say their own errors); the next change asks again.
    void client.call('settings.get', {}).then(app.setSettings, () => undefined);
    void client.call('app.info', {}).then(app.setInfo, () => undefined);
  }, [client, revision]);
  useEffect(() => {
    if (revision === 0) return;
    let live = true;
    void client.call('alerts.list', { limit: 1 }).then(
      (r) => live && useApp.getState().setUnreadAlerts(r.active),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, revision]);
}

/** The route follows the URL hash. */
function useHashRoute(): void {
  useEffect(() => {
    const sync = () => useApp.getState().setRoute(parseRoute(window.location.hash));
    sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, []);
}

/** The window's wiring to the engine and the URL: mounted once, by the shell. */
export function useAppEvents(client: ApiClient): void {
  useEngineSubscriptions(client);
  useLedgerRevision(client);
  useHashRoute();
}

import { useEffect } from 'react';
import type { ApiClient } from '../../shared/contract/client';
import { parseRoute, SCREENS, useApp } from './store';
import { SCREEN_COMPONENTS, SCREEN_LABELS as LABELS } from './screens';
import { ImportDropTarget } from './components/import-drop';
import { AlertsBadge } from './components/budget-widgets';

function useTheme(): void {
  const theme = useApp((s) => s.settings?.theme ?? 'system');
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
  }, [theme]);
}

export function App({ client }: { client: ApiClient }) {
  const { route, setClient, setRoute, setSettings, setInfo, bump, setPendingImport, revision } = useApp();
  useTheme();

  useEffect(() => {
    setClient(client);
    const offChanged = client.on('ledger.changed', () => bump());
    const offImport = client.on('ui.import', ({ paths }) => {
      setPendingImport(paths);
      window.location.hash = '#/imports';
    });
    return () => {
      offChanged();
      offImport();
    };
  }, [client, setClient, bump, setPendingImport]);

  useEffect(() => {
    const sync = () => setRoute(parseRoute(window.location.hash));
    sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, [setRoute]);

  useEffect(() => {
    void client.call('settings.get', {}).then(setSettings);
    void client.call('app.info', {}).then(setInfo);
  }, [client, revision, setSettings, setInfo]);

  const ActiveScreen = SCREEN_COMPONENTS[route.screen];
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{' '}
          Token Ledger
        </div>
        <ul>
          {SCREENS.map((s) => (
            <li key={s}>
              <a href={`#/${s}`} aria-current={route.screen === s ? 'page' : undefined}>
                {LABELS[s]}
                {s === 'budgets' && <AlertsBadge />}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main">
        <ActiveScreen />
      </main>
      <ImportDropTarget />
    </div>
  );
}

/** The window's shell: the navigation, the screen of the current route, and the drop target for imports. */
import { Suspense, useEffect } from 'react';
import type { ApiClient } from '../../../shared/contract/client';
import { SCREENS } from '../client/route';
import { useApp } from '../client/store';
import { SCREEN_COMPONENTS, SCREEN_LABELS } from './routes';
import { I18nProvider, useT } from '../ui/i18n';
import { ImportDropTarget } from '../features/imports/import-drop-target';
import { AlertsBadge } from '../features/budgets/alerts-badge';
import { useAppEvents } from './events';

function useTheme(): void {
  const theme = useApp((s) => s.settings?.theme ?? 'system');
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') root.removeAttribute('data-theme');
    else root.setAttribute('data-theme', theme);
  }, [theme]);
}

export function App({ client }: { client: ApiClient }) {
  useAppEvents(client);
  useTheme();
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}

function Shell() {
  const route = useApp((s) => s.route);
  const t = useT();
  const ActiveScreen = SCREEN_COMPONENTS[route.screen];
  return (
    <div className="shell">
      <nav className="sidebar" aria-label={t('app.nav.label')}>
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
                {t(SCREEN_LABELS[s])}
                {s === 'budgets' && <AlertsBadge />}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main">
        <Suspense fallback={<p aria-busy="true">{t('app.loading')}</p>}>
          <ActiveScreen />
        </Suspense>
      </main>
      <ImportDropTarget />
    </div>
  );
}

/** Settings: display currency, time zone, week start, theme; plans; the app's versions, the team and its database file. */
import { useState } from 'react';
import type { Settings } from '../../../../shared/contract/types';
import { useApp } from '../../client/store';
import { CURRENCIES, timeZones } from '../../ui/choices';
import { DatabaseFile } from './database-file';
import { TeamPanel } from './team';
import { UsagePlansSection } from './usage-plans';
import { useT } from '../../ui/i18n';
import { LOCALES, LOCALE_NAMES } from '../../../../shared/i18n';

export function SettingsScreen() {
  const { client, settings, info, setSettings } = useApp();
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  if (!settings) return <p aria-busy="true">{t('app.loading')}</p>;

  async function update(patch: Partial<Settings>) {
    if (!client) return;
    setError(null);
    try {
      setSettings(await client.call('settings.update', patch));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const zones = timeZones();
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title">{t('app.screen.settings')}</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <form className="settings" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('settings.displayCurrency')}
          <select value={settings.displayCurrency} onChange={(e) => void update({ displayCurrency: e.target.value })}>
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.timeZone')}
          <select value={settings.timeZone} onChange={(e) => void update({ timeZone: e.target.value })}>
            {(zones.includes(settings.timeZone) ? zones : [settings.timeZone, ...zones]).map((z) => (
              <option key={z}>{z}</option>
            ))}
          </select>
        </label>
        <label>
          {t('settings.weekStart')}
          <select value={settings.weekStart} onChange={(e) => void update({ weekStart: e.target.value as Settings['weekStart'] })}>
            <option value="monday">{t('settings.monday')}</option>
            <option value="sunday">{t('settings.sunday')}</option>
          </select>
        </label>
        <label>
          {t('settings.theme')}
          <select value={settings.theme} onChange={(e) => void update({ theme: e.target.value as Settings['theme'] })}>
            <option value="system">{t('settings.theme.system')}</option>
            <option value="light">{t('settings.theme.light')}</option>
            <option value="dark">{t('settings.theme.dark')}</option>
          </select>
        </label>
        <label>
          {t('settings.language')}
          <select data-testid="locale" value={settings.locale} onChange={(e) => void update({ locale: e.target.value as Settings['locale'] })}>
            <option value="system">{t('settings.language.system')}</option>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
      </form>
      <UsagePlansSection />
      {info && (
        <dl className="facts">
          <dt>{t('settings.schemaVersion')}</dt>
          <dd>{info.schemaVersion}</dd>
          <dt>{t('settings.appVersion')}</dt>
          <dd>{info.version}</dd>
        </dl>
      )}
      <TeamPanel />
      {info && <DatabaseFile dbPath={info.dbPath} />}
    </section>
  );
}

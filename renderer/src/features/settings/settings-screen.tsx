/** Settings: display currency, time zone, week start, theme; plans; the app's versions, the team and its database file. */
import { useState } from 'react';
import type { Settings } from '../../../../shared/contract/types';
import { useApp } from '../../client/store';
import { CURRENCIES, timeZones } from '../../ui/choices';
import { DatabaseFile } from './database-file';
import { TeamPanel } from './team';
import { UsagePlansSection } from './usage-plans';

export function SettingsScreen() {
  const { client, settings, info, setSettings } = useApp();
  const [error, setError] = useState<string | null>(null);
  if (!settings) return <p aria-busy="true">Loading…</p>;

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
      <h1 id="screen-title">Settings</h1>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <form className="settings" onSubmit={(e) => e.preventDefault()}>
        <label>
          Display currency
          <select value={settings.displayCurrency} onChange={(e) => void update({ displayCurrency: e.target.value })}>
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          Time zone
          <select value={settings.timeZone} onChange={(e) => void update({ timeZone: e.target.value })}>
            {(zones.includes(settings.timeZone) ? zones : [settings.timeZone, ...zones]).map((z) => (
              <option key={z}>{z}</option>
            ))}
          </select>
        </label>
        <label>
          Week starts on
          <select value={settings.weekStart} onChange={(e) => void update({ weekStart: e.target.value as Settings['weekStart'] })}>
            <option value="monday">Monday</option>
            <option value="sunday">Sunday</option>
          </select>
        </label>
        <label>
          Theme
          <select value={settings.theme} onChange={(e) => void update({ theme: e.target.value as Settings['theme'] })}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </label>
      </form>
      <UsagePlansSection />
      {info && (
        <dl className="facts">
          <dt>Schema version</dt>
          <dd>{info.schemaVersion}</dd>
          <dt>App version</dt>
          <dd>{info.version}</dd>
        </dl>
      )}
      <TeamPanel />
      {info && <DatabaseFile dbPath={info.dbPath} />}
    </section>
  );
}

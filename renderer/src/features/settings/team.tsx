/**
 * Settings > Team: whose usage this ledger is (the member), the shared folder it syncs through, and
 * every machine of the team this ledger holds, with each one's last sync. Reloads when the ledger
 * changes (a sync that merged a bundle says so).
 */
import { useEffect, useState } from 'react';
import type { TeamMachine, TeamSettings } from '../../../../shared/contract/api/team';
import { useApp } from '../../client/store';
import { useT } from '../../ui/i18n';

export function TeamPanel() {
  const { client, revision } = useApp();
  const [team, setTeam] = useState<TeamSettings | null>(null);
  const [machines, setMachines] = useState<TeamMachine[]>([]);
  const [member, setMember] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const t = useT();
  useEffect(() => {
    if (!client) return;
    let live = true;
    void Promise.all([client.call('team.settings', {}), client.call('team.machines', {})]).then(([s, m]) => {
      if (!live) return;
      setTeam(s);
      setMember((cur) => (cur === '' ? (s.member ?? '') : cur));
      setMachines(m);
    });
    return () => {
      live = false;
    };
  }, [client, revision]);

  if (!client || !team) return null;

  async function run(what: () => Promise<string>) {
    setMessage(null);
    try {
      setMessage({ error: false, text: await what() });
    } catch (e) {
      setMessage({ error: true, text: (e as Error).message });
    }
  }

  const saveMember = () =>
    run(async () => {
      const s = await client!.call('team.update', { member: member.trim() === '' ? null : member.trim() });
      setTeam(s);
      return s.member ? t('settings.team.memberSet', { member: s.member }) : t('settings.team.noMember');
    });
  const syncNow = () =>
    run(async () => {
      const r = await client!.call('team.sync', {});
      setMachines(r.machines);
      return t(r.wrote ? 'settings.team.syncedWrote' : 'settings.team.syncedUpToDate', { count: r.merged.length });
    });

  return (
    <section aria-labelledby="team-title" className="team">
      <h2 id="team-title">{t('settings.team.title')}</h2>
      <form
        className="settings"
        onSubmit={(e) => {
          e.preventDefault();
          void saveMember();
        }}
      >
        <label>
          {t('settings.team.member')}
          <input value={member} onChange={(e) => setMember(e.target.value)} placeholder={t('settings.team.memberPlaceholder')} />
        </label>
        <button type="submit">{t('app.save')}</button>
      </form>
      <p>
        {t('settings.team.folder', { folder: team.folder ?? t('settings.team.folderNotSet') })}{' '}
        {team.folder && (
          <button type="button" onClick={() => void syncNow()}>
            {t('settings.team.syncNow')}
          </button>
        )}
      </p>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      )}
      <table aria-label={t('settings.team.machines')}>
        <thead>
          <tr>
            <th scope="col">{t('settings.team.member')}</th>
            <th scope="col">{t('settings.team.machine')}</th>
            <th scope="col">{t('settings.team.bundle')}</th>
            <th scope="col">{t('settings.team.lastSync')}</th>
          </tr>
        </thead>
        <tbody>
          {machines.map((m) => (
            <tr key={m.machineId || 'self'}>
              <td>{m.member ?? '—'}</td>
              <td>
                {m.machineName ?? (m.machineId ? m.machineId.slice(0, 8) : '—')}
                {m.self ? t('settings.team.thisOne') : ''}
              </td>
              <td>{m.sequence === null ? '—' : `#${m.sequence}`}</td>
              <td>{m.lastSync ? t('settings.team.utc', { at: m.lastSync.slice(0, 16).replace('T', ' ') }) : t('settings.team.never')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

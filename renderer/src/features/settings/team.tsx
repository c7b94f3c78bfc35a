/**
 * Settings > Team: whose usage this ledger is (the member), the shared folder it syncs through (chosen in a
 * native dialog in the desktop app, typed in the browser), and
 * every machine of the team this ledger holds, with each one's last sync. Reloads when the ledger
 * changes (a sync that merged a bundle says so).
 */
import { useEffect, useState } from 'react';
import type { TeamMachine, TeamSettings } from '../../../../shared/contract/api/team';
import { useApp } from '../../client/store';
import { useT, type T } from '../../ui/i18n';
import type { ApiClient } from '../../../../shared/contract/client';
import type { PreloadBridge } from '../../client/transport';

export function TeamPanel() {
  const { client, revision } = useApp();
  const [team, setTeam] = useState<TeamSettings | null>(null);
  const [machines, setMachines] = useState<TeamMachine[]>([]);
  const [member, setMember] = useState('');
  const bridge = typeof window !== 'undefined' ? window.tokenLedger : undefined;
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const t = useT();
  useEffect(() => {
    if (!client) return;
    let live = true;
    void Promise.all([client.call('team.settings', {}), client.call('team.machines', {})]).then(
      ([s, m]) => {
        if (!live) return;
        setTeam(s);
        setMember((cur) => (cur === '' ? (s.member ?? '') : cur));
        setMachines(m);
      },
      (e: unknown) => live && setMessage({ error: true, text: (e as Error).message }),
    );
    return () => {
      live = false;
    };
  }, [client, revision]);

  if (!client) return null;
  if (!team)
    return message ? (
      <p role="alert" className="error">
        {message.text}
      </p>
    ) : null;

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
          <>
            <button type="button" onClick={() => void syncNow()}>
              {t('settings.team.syncNow')}
            </button>{' '}
            <button type="button" onClick={() => void run(() => applyFolder(client!, null, setTeam, t))}>
              {t('settings.team.clearFolder')}
            </button>
          </>
        )}
      </p>
      <FolderControls bridge={bridge} run={run} onSet={setTeam} />
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      )}
      <MachinesTable machines={machines} />
    </section>
  );
}

/** Set or clear the shared folder; answers what the panel says. */
async function applyFolder(client: ApiClient, path: string | null, onSet: (s: TeamSettings) => void, t: T): Promise<string> {
  const s = await client.call('team.setFolder', { path });
  onSet(s);
  return s.folder ? t('settings.team.folderSet', { folder: s.folder }) : t('settings.team.folderCleared');
}

/**
 * Where the folder comes from: the desktop app asks the main process for a native folder dialog (the picked
 * folder is granted for this use); the browser host takes a typed path.
 */
function FolderControls({ bridge, run, onSet }: { bridge: PreloadBridge | undefined; run(what: () => Promise<string>): Promise<void>; onSet(s: TeamSettings): void }) {
  const client = useApp((s) => s.client);
  const [typed, setTyped] = useState('');
  const t = useT();
  if (!client) return null;
  const done = (s: TeamSettings) => {
    setTyped('');
    onSet(s);
  };
  const chooseFolder = async () => {
    let path: string | null;
    try {
      path = await bridge!.choose('team-folder');
    } catch (e) {
      void run(() => Promise.reject(e as Error));
      return;
    }
    if (path !== null) void run(() => applyFolder(client, path, done, t));
  };
  return bridge ? (
      <p>
        <button type="button" onClick={() => void chooseFolder()}>
          {t('settings.team.chooseFolder')}
        </button>
      </p>
    ) : (
      <form
        className="settings"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed.trim() !== '') void run(() => applyFolder(client!, typed.trim(), done, t));
        }}
      >
        <label>
          {t('settings.team.folderPath')}
          <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('settings.team.folderPathPlaceholder')} />
        </label>
        <button type="submit">{t('settings.team.setFolder')}</button>
      </form>
    );
}

/** Each machine of the team with its member, its latest bundle and its last sync. */
function MachinesTable({ machines }: { machines: TeamMachine[] }) {
  const t = useT();
  return (
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
  );
}

/**
 * Settings > Team: whose usage this ledger is (the member), the shared folder it syncs through, and
 * every machine of the team this ledger holds, with each one's last sync. Reloads when the ledger
 * changes (a sync that merged a bundle says so).
 */
import { useEffect, useState } from 'react';
import type { TeamMachine, TeamSettings } from '../../../../shared/contract/api/team';
import { useApp } from '../../client/store';

export function TeamPanel() {
  const { client, revision } = useApp();
  const [team, setTeam] = useState<TeamSettings | null>(null);
  const [machines, setMachines] = useState<TeamMachine[]>([]);
  const [member, setMember] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

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
      return s.member ? `This ledger's usage is ${s.member}'s.` : 'No member set.';
    });
  const syncNow = () =>
    run(async () => {
      const r = await client!.call('team.sync', {});
      setMachines(r.machines);
      return `${r.wrote ? 'Wrote this machine’s bundle' : 'This machine’s bundle is up to date'}; merged ${r.merged.length} bundle${r.merged.length === 1 ? '' : 's'}.`;
    });

  return (
    <section aria-labelledby="team-title" className="team">
      <h2 id="team-title">Team</h2>
      <form
        className="settings"
        onSubmit={(e) => {
          e.preventDefault();
          void saveMember();
        }}
      >
        <label>
          Member
          <input value={member} onChange={(e) => setMember(e.target.value)} placeholder="whose usage this is" />
        </label>
        <button type="submit">Save</button>
      </form>
      <p>
        Shared folder: {team.folder ?? 'not set (tokenledger team folder set DIR, or serve --team-folder DIR)'}{' '}
        {team.folder && (
          <button type="button" onClick={() => void syncNow()}>
            Sync now
          </button>
        )}
      </p>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      )}
      <table aria-label="Team machines">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Machine</th>
            <th scope="col">Bundle</th>
            <th scope="col">Last sync</th>
          </tr>
        </thead>
        <tbody>
          {machines.map((m) => (
            <tr key={m.machineId || 'self'}>
              <td>{m.member ?? '—'}</td>
              <td>
                {m.machineName ?? (m.machineId ? m.machineId.slice(0, 8) : '—')}
                {m.self ? ' (this one)' : ''}
              </td>
              <td>{m.sequence === null ? '—' : `#${m.sequence}`}</td>
              <td>{m.lastSync ? m.lastSync.slice(0, 16).replace('T', ' ') + ' UTC' : 'never'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

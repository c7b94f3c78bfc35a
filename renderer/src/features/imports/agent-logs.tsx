/**
 * "Find my agent logs": the coding agents' default folders on this computer, listed with their sizes,
 * imported on a click; and "Keep agent logs up to date", which has the engine watch those folders and
 * import what the agents write (in the engine's process, never in this window).
 */
import { useEffect, useState } from 'react';
import type { AgentFindResult, AgentWatchStatus } from '../../../../shared/contract/api/agents';
import { useApp } from '../../client/store';
import { formatBytes } from './import-counts';
import { plural } from './import-phase';

function FoundList({ found }: { found: AgentFindResult }) {
  if (found.locations.length === 0) {
    return (
      <p className="muted" role="status">
        No coding agent logs in their usual folders on this computer.
      </p>
    );
  }
  return (
    <table className="agent-logs" aria-label="Agent logs found">
      <thead>
        <tr>
          <th scope="col">Tool</th>
          <th scope="col">Folder</th>
          <th scope="col" className="num">
            Files
          </th>
          <th scope="col" className="num">
            Size
          </th>
        </tr>
      </thead>
      <tbody>
        {found.locations.map((l) => (
          <tr key={l.id}>
            <td>{l.label}</td>
            <td>
              <code>{l.folder}</code>
            </td>
            <td className="num">{l.files.toLocaleString('en-US')}</td>
            <td className="num">{formatBytes(l.bytes)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function WatchToggle() {
  const client = useApp((s) => s.client);
  const [status, setStatus] = useState<AgentWatchStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!client) return;
    let live = true;
    void client.call('agents.watchStatus', {}).then((s) => live && setStatus(s));
    return () => {
      live = false;
    };
  }, [client]);
  async function toggle(on: boolean) {
    if (!client) return;
    setError(null);
    try {
      setStatus(await client.call('agents.watch', { on, remember: true }));
    } catch (e) {
      setError((e as Error).message);
    }
  }
  return (
    <div className="agent-watch">
      <label>
        <input type="checkbox" checked={status?.watching ?? false} disabled={!status} onChange={(e) => void toggle(e.target.checked)} /> Keep agent logs up to
        date
      </label>
      {status?.watching && <span className="muted"> Watching {plural(status.folders.length, 'folder')}: what the agents write is imported within seconds.</span>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}

export function AgentLogs() {
  const client = useApp((s) => s.client);
  const [found, setFound] = useState<AgentFindResult | null>(null);
  const [busy, setBusy] = useState<'finding' | 'importing' | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  async function run<T>(kind: 'finding' | 'importing', fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(kind);
    setMessage(null);
    try {
      return await fn();
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
      return undefined;
    } finally {
      setBusy(null);
    }
  }
  const find = () => run('finding', async () => client && setFound(await client.call('agents.find', {})));
  const importAll = () =>
    run('importing', async () => {
      if (!client || !found) return;
      const r = await client.call('agents.import', { ids: found.locations.map((l) => l.id) });
      setMessage({ text: `Imported ${plural(r.files.length, 'file')}: ${plural(r.counts.new, 'new call')}, ${plural(r.counts.duplicate, 'duplicate')}.`, error: false });
    });
  return (
    <section className="agent-logs-section" aria-labelledby="agent-logs-title">
      <h2 id="agent-logs-title" className="section-title">
        Coding agents
      </h2>
      <p className="muted">Claude Code, Codex, Gemini CLI, opencode, Kilo CLI, Qwen Code, Cline, Roo Code, Kilo Code and Copilot CLI keep their logs in known folders.</p>
      <button type="button" onClick={() => void find()} disabled={busy !== null}>
        {busy === 'finding' ? 'Looking…' : 'Find my agent logs'}
      </button>
      {found && <FoundList found={found} />}
      {found && found.locations.length > 0 && (
        <button type="button" className="primary" onClick={() => void importAll()} disabled={busy !== null}>
          {busy === 'importing' ? 'Importing…' : `Import ${plural(found.locations.reduce((s, l) => s + l.files, 0), 'file')}`}
        </button>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      )}
      <WatchToggle />
    </section>
  );
}

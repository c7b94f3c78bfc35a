/**
 * "Find my agent logs": the coding agents' default folders on this computer, listed with their sizes,
 * imported on a click; and "Keep agent logs up to date", which has the engine watch those folders and
 * import what the agents write (in the engine's process, never in this window).
 */
import { useEffect, useState } from 'react';
import type { AgentFindResult, AgentWatchStatus } from '../../../../shared/contract/api/agents';
import { useApp } from '../../client/store';
import { formatBytes } from './import-counts';
import { useT } from '../../ui/i18n';
import { formatInteger } from '../../ui/format';

/** The tools whose log folders are known (product names: not translated). */
const AGENT_TOOLS = 'Claude Code, Codex, Gemini CLI, opencode, Kilo CLI, Qwen Code, Cline, Roo Code, Kilo Code, Copilot CLI';

function FoundList({ found }: { found: AgentFindResult }) {
  const t = useT();
  if (found.locations.length === 0) {
    return (
      <p className="muted" role="status">
        {t('imports.agents.noneFound')}
      </p>
    );
  }
  return (
    <table className="agent-logs" aria-label={t('imports.agents.found')}>
      <thead>
        <tr>
          <th scope="col">{t('imports.agents.tool')}</th>
          <th scope="col">{t('imports.agents.folder')}</th>
          <th scope="col" className="num">
            {t('imports.agents.files')}
          </th>
          <th scope="col" className="num">
            {t('imports.agents.size')}
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
            <td className="num">{formatInteger(l.files)}</td>
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
  const t = useT();
  useEffect(() => {
    if (!client) return;
    let live = true;
    void client.call('agents.watchStatus', {}).then(
      (s) => live && setStatus(s),
      (e: unknown) => live && setError((e as Error).message),
    );
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
        <input type="checkbox" checked={status?.watching ?? false} disabled={!status} onChange={(e) => void toggle(e.target.checked)} /> {t('imports.agents.keepUpToDate')}
      </label>
      {status?.watching && <span className="muted"> {t('imports.agents.watching', { count: status.folders.length })}</span>}
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
  const t = useT();
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
      setMessage({ text: t('imports.agents.imported', { files: r.files.length, calls: r.counts.new, duplicates: r.counts.duplicate }), error: false });
    });
  return (
    <section className="agent-logs-section" aria-labelledby="agent-logs-title">
      <h2 id="agent-logs-title" className="section-title">
        {t('imports.agents.title')}
      </h2>
      <p className="muted">{t('imports.agents.intro', { tools: AGENT_TOOLS })}</p>
      <button type="button" onClick={() => void find()} disabled={busy !== null}>
        {busy === 'finding' ? t('imports.agents.looking') : t('imports.agents.find')}
      </button>
      {found && <FoundList found={found} />}
      {found && found.locations.length > 0 && (
        <button type="button" className="primary" onClick={() => void importAll()} disabled={busy !== null}>
          {busy === 'importing' ? t('imports.agents.importing') : t('imports.agents.importFiles', { count: found.locations.reduce((s, l) => s + l.files, 0) })}
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

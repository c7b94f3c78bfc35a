/** The empty ledger: how to import, or load demo data to look around first. */
import { useState } from 'react';
import { useApp } from '../../client/store';
import { AgentLogs } from '../imports/agent-logs';
import { useT, useTRich } from '../../ui/i18n';

export function FirstRun() {
  const client = useApp((s) => s.client);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const t = useT();
  const tRich = useTRich();
  async function loadDemo() {
    if (!client) return;
    setBusy(true);
    setError(null);
    try {
      await client.call('demo.load', {});
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="empty first-run">
      <h2>{t('overview.firstRun.title')}</h2>
      <p>{t('overview.firstRun.intro')}</p>
      <ol>
        <li>{tRich('overview.firstRun.download', { path: <code>~/.claude/projects</code> })}</li>
        <li>{tRich('overview.firstRun.drop', { menu: <kbd>{t('overview.firstRun.menu')}</kbd>, command: <code>npx tokenledger import &lt;files&gt;</code> })}</li>
      </ol>
      <p>{t('overview.firstRun.demo')}</p>
      <button type="button" className="primary" onClick={() => void loadDemo()} disabled={busy}>
        {busy ? t('overview.firstRun.loadingDemo') : t('overview.firstRun.loadDemo')}
      </button>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <AgentLogs />
    </div>
  );
}

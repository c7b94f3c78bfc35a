/** The empty ledger: how to import, or load demo data to look around first. */
import { useState } from 'react';
import { useApp } from '../../client/store';
import { AgentLogs } from '../imports/agent-logs';

export function FirstRun() {
  const client = useApp((s) => s.client);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
      <h2>Your ledger is empty</h2>
      <p>Import a billing or usage export from any provider to see where your tokens and money go.</p>
      <ol>
        <li>
          Download an export: OpenAI or Anthropic usage and cost, OpenRouter activity, an AWS, Azure or Google Cloud bill, DeepSeek or
          Zhipu usage, Claude Code logs (<code>~/.claude/projects</code>), LiteLLM spend logs.
        </li>
        <li>
          Drop the files on this window, use <kbd>File › Import…</kbd>, or run <code>npx tokenledger import &lt;files&gt;</code>.
        </li>
      </ol>
      <p>Or look around first with a generated demo: a team's last three months.</p>
      <button type="button" className="primary" onClick={() => void loadDemo()} disabled={busy}>
        {busy ? 'Loading demo data…' : 'Load demo data'}
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

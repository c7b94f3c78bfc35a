/**
 * Settings > Database file (issue 5): show the ledger file in its folder (the desktop host does it; a
 * browser shows the path only), back it up to a new file (`ledger.backup`), restore from a backup
 * (`ledger.restore`) after a confirmation; the engine keeps a safety copy of the ledger first.
 */
import { useState } from 'react';
import { useApp } from '../store';
import '../components/dashboard.css';

function folderOf(path: string): { dir: string; sep: string } {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return { dir: i >= 0 ? path.slice(0, i) : '.', sep: path.includes('\\') && !path.includes('/') ? '\\' : '/' };
}

export function defaultBackupPath(dbPath: string, now = new Date()): string {
  const { dir, sep } = folderOf(dbPath);
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `${dir}${sep}tokenledger-backup-${stamp}.sqlite`;
}

export function DatabaseFile({ dbPath }: { dbPath: string }) {
  const client = useApp((s) => s.client);
  const desktop = typeof window !== 'undefined' && window.tokenLedger !== undefined;
  const [backupPath, setBackupPath] = useState(() => defaultBackupPath(dbPath));
  const [restorePath, setRestorePath] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  async function act(fn: () => Promise<string>) {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ kind: 'ok', text: await fn() });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="db-title" className="card" style={{ marginTop: '1rem' }}>
      <h2 id="db-title">Database file</h2>
      <p>
        <code data-testid="db-path">{dbPath}</code>{' '}
        {desktop ? (
          <button type="button" onClick={() => void act(async () => (await client!.call('ledger.reveal', {}), 'Shown in its folder.'))} disabled={!client || busy}>
            Show in folder
          </button>
        ) : (
          <span className="muted">(open this path in your file manager)</span>
        )}
      </p>
      <form
        className="db-file"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            const r = await client!.call('ledger.backup', { path: backupPath.trim() });
            setBackupPath(defaultBackupPath(dbPath));
            return `Backed up to ${r.path} (${(r.bytes / 1e6).toFixed(1)} MB).`;
          });
        }}
      >
        <label>
          Back up to the file
          <input value={backupPath} onChange={(e) => setBackupPath(e.target.value)} spellCheck={false} />
        </label>
        <button type="submit" disabled={!client || busy || backupPath.trim() === ''}>
          Back up
        </button>
      </form>
      <form
        className="db-file"
        onSubmit={(e) => {
          e.preventDefault();
          if (restorePath.trim() !== '') setConfirming(true);
        }}
      >
        <label>
          Restore from the backup file
          <input value={restorePath} onChange={(e) => setRestorePath(e.target.value)} spellCheck={false} placeholder="/path/to/tokenledger-backup.sqlite" />
        </label>
        <button type="submit" disabled={!client || busy || restorePath.trim() === ''}>
          Restore…
        </button>
      </form>
      {confirming && (
        <div role="alertdialog" aria-labelledby="restore-q" className="banner warn">
          <p id="restore-q">
            Replace everything in this ledger with the contents of <code>{restorePath.trim()}</code>? A copy of the ledger as it is now is kept beside it.
          </p>
          <button
            type="button"
            autoFocus
            onClick={() => {
              setConfirming(false);
              void act(async () => {
                const r = await client!.call('ledger.restore', { path: restorePath.trim() });
                return `Restored ${r.facts.toLocaleString()} facts from ${r.path}. The previous ledger was kept as ${r.safetyCopy}.`;
              });
            }}
          >
            Replace the ledger
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : undefined} data-testid="db-message">
          {message.text}
        </p>
      )}
    </section>
  );
}

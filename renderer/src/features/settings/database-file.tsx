/**
 * Settings > Database file: show the ledger file in its folder (the desktop host does it; a
 * browser shows the path only), back it up (`ledger.backup`), restore from a backup (`ledger.restore`)
 * after a confirmation; the engine keeps a safety copy of the ledger first. In the desktop app the user
 * picks the file in a native dialog the main process shows; a browser names no file on the serving
 * machine, so there the backup is a download and the restore an upload of the file (the serve host's
 * ledger-file transfer).
 */
import { useState } from 'react';
import { useApp } from '../../client/store';
import { ledgerFileOf, type LedgerFileTransfer, type PreloadBridge } from '../../client/transport';
import type { ChooseKind } from '../../../../shared/contract/transport';
import { downloadBlob } from '../../ui/files';
import '../../ui/dashboard.css';

function RestoreConfirm({ path, onReplace, onCancel }: { path: string; onReplace(): void; onCancel(): void }) {
  return (
    <div role="alertdialog" aria-labelledby="restore-q" className="banner warn">
      <p id="restore-q">
        Replace everything in this ledger with the contents of <code>{path}</code>? A copy of the ledger as it is now is kept beside it.
      </p>
      <button type="button" autoFocus onClick={onReplace}>
        Replace the ledger
      </button>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}

export function DatabaseFile({ dbPath }: { dbPath: string }) {
  const client = useApp((s) => s.client);
  const bridge = typeof window !== 'undefined' ? window.tokenLedger : undefined;
  const desktop = bridge !== undefined;
  const transfer = client ? ledgerFileOf(client) : undefined;
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
      {bridge ? (
        <DesktopBackupRestore bridge={bridge} dbPath={dbPath} busy={busy} act={act} />
      ) : transfer ? (
        <BrowserBackupRestore transfer={transfer} dbPath={dbPath} busy={busy} act={act} />
      ) : (
        <p className="muted" data-testid="db-browser-note">
          Back up and restore from the desktop app, or on this machine with{' '}
          <code>tokenledger call ledger.backup {'\'{"path":"/path/to/backup.sqlite"}\''}</code>: the browser cannot name files on the machine that serves it.
        </p>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={message.kind === 'error' ? 'error' : undefined} data-testid="db-message">
          {message.text}
        </p>
      )}
    </section>
  );
}

/**
 * In the desktop app: the main process asks where to save the backup and which backup to restore (native
 * dialogs); the window never types a path. A cancelled dialog changes nothing on the screen.
 */
function DesktopBackupRestore({ bridge, dbPath, busy, act }: { bridge: PreloadBridge; dbPath: string; busy: boolean; act(fn: () => Promise<string>): Promise<void> }) {
  const client = useApp((s) => s.client);
  const [restoreFrom, setRestoreFrom] = useState<string | null>(null);
  async function chooseThen(kind: ChooseKind, then: (path: string) => void) {
    let path: string | null;
    try {
      path = await bridge.choose(kind);
    } catch (e) {
      void act(() => Promise.reject(e as Error));
      return;
    }
    if (path !== null) then(path);
  }
  return (
    <>
      <p className="db-file">
        <button
          type="button"
          disabled={!client || busy}
          onClick={() =>
            void chooseThen('backup-save', (path) =>
              void act(async () => {
                const r = await client!.call('ledger.backup', { path });
                return `Backed up to ${r.path} (${(r.bytes / 1e6).toFixed(1)} MB).`;
              }),
            )
          }
        >
          Back up
        </button>{' '}
        <span className="muted">saves a copy of {dbPath.split(/[/\\]/).pop()}</span>
      </p>
      <p className="db-file">
        <button type="button" disabled={!client || busy} onClick={() => void chooseThen('backup-open', setRestoreFrom)}>
          Restore…
        </button>{' '}
        <span className="muted">replaces the ledger with a backup file</span>
      </p>
      {restoreFrom !== null && (
        <RestoreConfirm
          path={restoreFrom}
          onCancel={() => setRestoreFrom(null)}
          onReplace={() => {
            setRestoreFrom(null);
            void act(async () => {
              const r = await client!.call('ledger.restore', { path: restoreFrom });
              return `Restored ${r.facts.toLocaleString()} facts from ${r.path}. The previous ledger was kept as ${r.safetyCopy}.`;
            });
          }}
        />
      )}
    </>
  );
}

/** The file name a browser saves the backup under (the engine's instant, never the window's clock). */
function downloadName(now: string): string {
  return `tokenledger-backup-${now.slice(0, 19).replace(/[:T]/g, '-')}.sqlite`;
}

/** In a browser: the backup is downloaded, and a restore uploads the chosen backup file. */
function BrowserBackupRestore({ transfer, dbPath, busy, act }: { transfer: LedgerFileTransfer; dbPath: string; busy: boolean; act(fn: () => Promise<string>): Promise<void> }) {
  const client = useApp((s) => s.client);
  const [file, setFile] = useState<File | null>(null);
  const [confirming, setConfirming] = useState(false);
  return (
    <>
      <p className="db-file">
        <button
          type="button"
          disabled={!client || busy}
          onClick={() =>
            void act(async () => {
              const blob = await transfer.download();
              const name = downloadName((await client!.call('app.info', {})).now);
              downloadBlob(name, blob);
              return `Backed up to ${name} in your downloads (${(blob.size / 1e6).toFixed(1)} MB).`;
            })
          }
        >
          Back up
        </button>{' '}
        <span className="muted">downloads a copy of {dbPath.split(/[/\\]/).pop()}</span>
      </p>
      <form
        className="db-file"
        onSubmit={(e) => {
          e.preventDefault();
          if (file) setConfirming(true);
        }}
      >
        <label>
          Restore from the backup file
          <input type="file" accept=".sqlite,.db,application/vnd.sqlite3" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button type="submit" disabled={!client || busy || !file}>
          Restore…
        </button>
      </form>
      {confirming && file && (
        <RestoreConfirm
          path={file.name}
          onCancel={() => setConfirming(false)}
          onReplace={() => {
            setConfirming(false);
            void act(async () => {
              const r = await transfer.upload(file, file.name);
              return `Restored ${r.facts.toLocaleString()} facts from ${r.path}. The previous ledger was kept as ${r.safetyCopy}.`;
            });
          }}
        />
      )}
    </>
  );
}

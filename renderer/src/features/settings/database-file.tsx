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
import { formatNumber } from '../../ui/format';
import { useT, useTRich } from '../../ui/i18n';
import '../../ui/dashboard.css';

function RestoreConfirm({ path, onReplace, onCancel }: { path: string; onReplace(): void; onCancel(): void }) {
  const t = useT();
  const tRich = useTRich();
  return (
    <div role="alertdialog" aria-labelledby="restore-q" className="banner warn">
      <p id="restore-q">
        {tRich('settings.db.restoreQuestion', { path: <code>{path}</code> })}
      </p>
      <button type="button" autoFocus onClick={onReplace}>
        {t('settings.db.replace')}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        {t('app.cancel')}
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
  const t = useT();
  const tRich = useTRich();

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
      <h2 id="db-title">{t('settings.db.title')}</h2>
      <p>
        <code data-testid="db-path">{dbPath}</code>{' '}
        {desktop ? (
          <button type="button" onClick={() => void act(async () => (await client!.call('ledger.reveal', {}), t('settings.db.shown')))} disabled={!client || busy}>
            {t('settings.db.showInFolder')}
          </button>
        ) : (
          <span className="muted">{t('settings.db.openPath')}</span>
        )}
      </p>
      {bridge ? (
        <DesktopBackupRestore bridge={bridge} dbPath={dbPath} busy={busy} act={act} />
      ) : transfer ? (
        <BrowserBackupRestore transfer={transfer} dbPath={dbPath} busy={busy} act={act} />
      ) : (
        <p className="muted" data-testid="db-browser-note">
          {tRich('settings.db.browserNote', { command: <code>{BACKUP_COMMAND}</code> })}
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

const BACKUP_COMMAND = 'tokenledger call ledger.backup \'{"path":"/path/to/backup.sqlite"}\'';

/**
 * In the desktop app: the main process asks where to save the backup and which backup to restore (native
 * dialogs); the window never types a path. A cancelled dialog changes nothing on the screen.
 */
function DesktopBackupRestore({ bridge, dbPath, busy, act }: { bridge: PreloadBridge; dbPath: string; busy: boolean; act(fn: () => Promise<string>): Promise<void> }) {
  const client = useApp((s) => s.client);
  const t = useT();
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
                return t('settings.db.backedUp', { path: r.path, mb: formatNumber(r.bytes / 1e6, 1) });
              }),
            )
          }
        >
          {t('settings.db.backup')}
        </button>{' '}
        <span className="muted">{t('settings.db.savesCopy', { name: dbPath.split(/[/\\]/).pop() })}</span>
      </p>
      <p className="db-file">
        <button type="button" disabled={!client || busy} onClick={() => void chooseThen('backup-open', setRestoreFrom)}>
          {t('settings.db.restore')}
        </button>{' '}
        <span className="muted">{t('settings.db.replacesWith')}</span>
      </p>
      {restoreFrom !== null && (
        <RestoreConfirm
          path={restoreFrom}
          onCancel={() => setRestoreFrom(null)}
          onReplace={() => {
            setRestoreFrom(null);
            void act(async () => {
              const r = await client!.call('ledger.restore', { path: restoreFrom });
              return t('settings.db.restored', { count: r.facts, path: r.path, copy: r.safetyCopy });
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
  const t = useT();
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
              return t('settings.db.downloaded', { name, mb: formatNumber(blob.size / 1e6, 1) });
            })
          }
        >
          {t('settings.db.backup')}
        </button>{' '}
        <span className="muted">{t('settings.db.downloadsCopy', { name: dbPath.split(/[/\\]/).pop() })}</span>
      </p>
      <form
        className="db-file"
        onSubmit={(e) => {
          e.preventDefault();
          if (file) setConfirming(true);
        }}
      >
        <label>
          {t('settings.db.restoreFrom')}
          <input type="file" accept=".sqlite,.db,application/vnd.sqlite3" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button type="submit" disabled={!client || busy || !file}>
          {t('settings.db.restore')}
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
              return t('settings.db.restored', { count: r.facts, path: r.path, copy: r.safetyCopy });
            });
          }}
        />
      )}
    </>
  );
}

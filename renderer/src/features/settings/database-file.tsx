/**
 * Settings > Database file: show the ledger file in its folder (the desktop host does it; a
 * browser shows the path only), back it up (`ledger.backup`), restore from a backup (`ledger.restore`)
 * after a confirmation; the engine keeps a safety copy of the ledger first. The desktop app names
 * files on its machine; a browser names none on the serving machine, so there the backup is a
 * download and the restore an upload of the file (the serve host's ledger-file transfer).
 */
import { useState } from 'react';
import { useApp } from '../../client/store';
import { ledgerFileOf, type LedgerFileTransfer } from '../../client/transport';
import { downloadBlob } from '../../ui/files';
import { formatNumber } from '../../ui/format';
import { useT, useTRich } from '../../ui/i18n';
import '../../ui/dashboard.css';

function folderOf(path: string): { dir: string; sep: string } {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return { dir: i >= 0 ? path.slice(0, i) : '.', sep: path.includes('\\') && !path.includes('/') ? '\\' : '/' };
}

/** `now`: the engine's instant (app.info.now), so the name never depends on the window's clock. */
function defaultBackupPath(dbPath: string, now: string): string {
  const { dir, sep } = folderOf(dbPath);
  const stamp = now.slice(0, 19).replace(/[:T]/g, '-');
  return `${dir}${sep}tokenledger-backup-${stamp}.sqlite`;
}

/** A path and its button; the button is off while the path is empty, and submits only a path. */
function PathForm({
  label,
  value,
  onChange,
  placeholder,
  button,
  disabled,
  onSubmit,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  button: string;
  disabled: boolean;
  onSubmit(): void;
}) {
  return (
    <form
      className="db-file"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim() !== '') onSubmit();
      }}
    >
      <label>
        {label}
        <input value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} placeholder={placeholder} />
      </label>
      <button type="submit" disabled={disabled || value.trim() === ''}>
        {button}
      </button>
    </form>
  );
}

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

export function DatabaseFile({ dbPath, now }: { dbPath: string; now: string }) {
  const client = useApp((s) => s.client);
  const desktop = typeof window !== 'undefined' && window.tokenLedger !== undefined;
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
      {desktop ? (
        <BackupRestore dbPath={dbPath} now={now} busy={busy} act={act} />
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

function BackupRestore({ dbPath, now, busy, act }: { dbPath: string; now: string; busy: boolean; act(fn: () => Promise<string>): Promise<void> }) {
  const client = useApp((s) => s.client);
  const [backupPath, setBackupPath] = useState(() => defaultBackupPath(dbPath, now));
  const [restorePath, setRestorePath] = useState('');
  const [confirming, setConfirming] = useState(false);
  const t = useT();
  return (
    <>
      <PathForm
        label={t('settings.db.backupTo')}
        value={backupPath}
        onChange={setBackupPath}
        button={t('settings.db.backup')}
        disabled={!client || busy}
        onSubmit={() =>
          void act(async () => {
            const r = await client!.call('ledger.backup', { path: backupPath.trim() });
            setBackupPath(defaultBackupPath(dbPath, (await client!.call('app.info', {})).now));
            return t('settings.db.backedUp', { path: r.path, mb: formatNumber(r.bytes / 1e6, 1) });
          })
        }
      />
      <PathForm
        label={t('settings.db.restoreFrom')}
        value={restorePath}
        onChange={setRestorePath}
        placeholder="/path/to/tokenledger-backup.sqlite"
        button={t('settings.db.restore')}
        disabled={!client || busy}
        onSubmit={() => setConfirming(true)}
      />
      {confirming && (
        <RestoreConfirm
          path={restorePath.trim()}
          onCancel={() => setConfirming(false)}
          onReplace={() => {
            setConfirming(false);
            void act(async () => {
              const r = await client!.call('ledger.restore', { path: restorePath.trim() });
              return t('settings.db.restored', { count: r.facts, path: r.path, copy: r.safetyCopy });
            });
          }}
        />
      )}
    </>
  );
}

/** The file name a browser saves the backup under (the engine's instant, as in the desktop default). */
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

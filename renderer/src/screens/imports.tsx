/**
 * The Imports screen (issue 3): files dropped on the window, chosen here, or picked with File > Import...
 * are previewed (nothing written), then committed or cancelled; long reads show progress and can be
 * cancelled; below, the history of batches with Undo.
 */
import { useCallback, useEffect, useRef, useState, type ChangeEvent } from 'react';
import { ApiError } from '../../../shared/contract/errors';
import type { ApiEvents } from '../../../shared/contract/events';
import type { ImportFormatInfo, ImportPreview, ImportResult } from '../../../shared/contract/types';
import { fileToBase64, fromFiles, useImportInbox, type DroppedImport } from '../components/import-drop';
import { ImportHistory } from '../components/import-history';
import { ImportMappingOffer } from '../components/import-mapping'; // csv-mapping (issue 3, format 10)
import { ImportMappingList } from '../components/import-mapping-list'; // saved column mappings (issue 3, format 10)
import { formatBytes, ImportCountList, ImportFileCard } from '../components/import-preview';
import '../components/import-screen.css';
import { formatInteger } from '../format';
import { routeHash, useApp } from '../store';
import { useApiData } from '../use-api';

type Source = { paths: string[] } | { files: { name: string; contentBase64: string }[] };

interface Refusal {
  file: string;
  message: string;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'reading'; names: string[] }
  | { kind: 'running'; importId: string; names: string[]; progress: ApiEvents['import.progress'] | null; cancelling: boolean }
  | { kind: 'preview'; preview: ImportPreview }
  | { kind: 'committing'; preview: ImportPreview }
  | { kind: 'committed'; result: ImportResult }
  | { kind: 'refused'; message: string; refused: Refusal[]; dropped?: DroppedImport }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

function newImportId(): string {
  return typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `import-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function refusals(details: unknown): Refusal[] {
  const list = (details as { refused?: unknown } | undefined)?.refused;
  if (!Array.isArray(list)) return [];
  return list.filter((r): r is Refusal => typeof r === 'object' && r !== null && typeof (r as Refusal).message === 'string');
}

function phaseOfError(e: unknown, dropped?: DroppedImport): Phase {
  if (e instanceof ApiError) {
    if (e.code === 'CANCELLED') return { kind: 'cancelled' };
    if (e.code === 'UNRECOGNIZED_FILE' || e.code === 'AMBIGUOUS_FILE') return { kind: 'refused', message: e.message, refused: refusals(e.details), ...(dropped ? { dropped } : {}) };
  }
  return { kind: 'failed', message: e instanceof Error ? e.message : String(e) };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

function SupportedFormats({ formats }: { formats: readonly ImportFormatInfo[] }) {
  return (
    <div className="empty import-empty" data-testid="import-formats">
      <h2>Supported exports</h2>
      <p>Each file is recognized by its content, whatever its name. Drop several files or a whole folder at once.</p>
      <ul className="format-list">
        {formats.map((f) => (
          <li key={f.id}>{f.label}</li>
        ))}
      </ul>
      <p className="muted">
        Anything else is refused with the closest known format and the columns it lacks. The command line does the same:{' '}
        <code>npx tokenledger import &lt;files or folders&gt;</code>.
      </p>
    </div>
  );
}

function Progress({ phase, onCancel }: { phase: Extract<Phase, { kind: 'running' }>; onCancel(): void }) {
  const p = phase.progress;
  return (
    <section className="card import-progress" aria-labelledby="import-progress-title" aria-busy="true" data-testid="import-progress">
      <h2 id="import-progress-title">
        Reading {phase.names.length === 1 ? phase.names[0] : plural(phase.names.length, 'file')}…
      </h2>
      {p ? (
        <>
          <progress max={Math.max(p.totalBytes, 1)} value={Math.min(p.bytes, p.totalBytes)} aria-label={`Bytes read of ${p.file}`} />
          <p className="figures">
            {p.file}: {plural(p.rows, 'row')} · {formatBytes(p.bytes)} of {formatBytes(p.totalBytes)} · {formatInteger(p.rowsPerSecond)} rows/s
          </p>
        </>
      ) : (
        <progress aria-label="Reading the files" />
      )}
      <button type="button" onClick={onCancel} disabled={phase.cancelling}>
        {phase.cancelling ? 'Cancelling…' : 'Cancel import'}
      </button>
    </section>
  );
}

function PreviewView({
  preview,
  committing,
  onCommit,
  onCancel,
}: {
  preview: ImportPreview;
  committing: boolean;
  onCommit(onError: 'skip' | 'abort'): void;
  onCancel(): void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [preview.previewId]);
  const bad = preview.counts.error;
  const writes = preview.counts.new + preview.counts.revised;
  return (
    <section aria-labelledby="import-preview-title" className="import-preview" data-testid="import-preview">
      <h2 id="import-preview-title" ref={headingRef} tabIndex={-1} className="section-title">
        Preview of {plural(preview.files.length, 'file')}: nothing is written until you commit
      </h2>
      <ImportCountList counts={preview.counts} testId="import-counts" />
      <div className="import-actions" role="group" aria-label="Commit or cancel this import">
        {bad > 0 ? (
          <>
            <p className="error" id="bad-rows-choice">
              {plural(bad, 'row')} cannot be read (listed below with their lines). Skip them and import the rest, or cancel and fix the files.
            </p>
            <button type="button" className="primary" disabled={committing} onClick={() => onCommit('skip')} aria-describedby="bad-rows-choice">
              {committing ? 'Committing…' : `Skip ${plural(bad, 'bad row')} and commit`}
            </button>
          </>
        ) : (
          <>
            {writes === 0 && <p className="muted">Nothing new: every row is already in the ledger. Committing records the batch only.</p>}
            <button type="button" className="primary" disabled={committing} onClick={() => onCommit('abort')}>
              {committing ? 'Committing…' : 'Commit'}
            </button>
          </>
        )}
        <button type="button" disabled={committing} onClick={onCancel}>
          Cancel
        </button>
      </div>
      {preview.files.map((f, i) => (
        <ImportFileCard key={`${f.file}-${i}`} file={f} index={i} />
      ))}
    </section>
  );
}

export function ImportsScreen() {
  const client = useApp((s) => s.client);
  const timeZone = useApp((s) => s.settings?.timeZone);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [historyTick, setHistoryTick] = useState(0);
  const run = useRef(0);
  const running = useRef<string | null>(null);

  const data = useApiData((c) => Promise.all([c.call('imports.list', { includeUndone: true, limit: 500 }), c.call('imports.formats', {})]), [historyTick]);
  const [batches, formats] = data.value ?? [undefined, undefined];
  const labels = new Map((formats ?? []).map((f) => [f.id, f.label]));
  const formatLabel = (id: string) => labels.get(id) ?? id;

  const start = useCallback(
    async (d: DroppedImport) => {
      if (!client) return;
      const mine = ++run.current;
      if (running.current) void client.call('imports.cancel', { importId: running.current }).catch(() => undefined);
      setNotice(null);
      const names = 'paths' in d ? d.paths : d.files.map((f) => f.webkitRelativePath || f.name);
      let source: Source;
      if ('paths' in d) source = { paths: d.paths };
      else {
        setPhase({ kind: 'reading', names });
        try {
          const files = await Promise.all(d.files.map(async (f) => ({ name: f.webkitRelativePath || f.name, contentBase64: await fileToBase64(f) })));
          source = { files };
        } catch (e) {
          if (mine === run.current) setPhase({ kind: 'failed', message: `Cannot read the files: ${(e as Error).message}` });
          return;
        }
        if (mine !== run.current) return;
      }
      const importId = newImportId();
      running.current = importId;
      setPhase({ kind: 'running', importId, names, progress: null, cancelling: false });
      const off = client.on('import.progress', (p) => {
        if (p.importId !== importId) return;
        setPhase((ph) => (ph.kind === 'running' && ph.importId === importId ? { ...ph, progress: p } : ph));
      });
      try {
        const preview = await client.call('imports.preview', { ...source, importId });
        if (mine === run.current) setPhase({ kind: 'preview', preview });
      } catch (e) {
        if (mine === run.current) setPhase(phaseOfError(e, d));
      } finally {
        off();
        if (running.current === importId) running.current = null;
      }
    },
    [client],
  );

  // Files waiting for this screen: File > Import... (desktop menu) leaves paths in the app store; drops on
  // the window wait in the inbox. Both are external stores: take what waits now, and what arrives later.
  useEffect(() => {
    if (!client) return;
    const takeWaiting = () => {
      const paths = useApp.getState().pendingImport;
      if (paths) {
        useApp.getState().setPendingImport(null);
        void start({ paths });
      }
      const dropped = useImportInbox.getState().take();
      if (dropped) void start(dropped);
    };
    const offApp = useApp.subscribe((s, prev) => {
      if (s.pendingImport && s.pendingImport !== prev.pendingImport) takeWaiting();
    });
    const offInbox = useImportInbox.subscribe((s) => {
      if (s.pending) takeWaiting();
    });
    const timer = setTimeout(takeWaiting, 0);
    return () => {
      offApp();
      offInbox();
      clearTimeout(timer);
    };
  }, [client, start]);

  function chooseFiles(e: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(e.target.files ?? []);
    e.target.value = '';
    if (files.length > 0) void start(fromFiles(files));
  }

  async function cancelRunning() {
    if (!client || phase.kind !== 'running') return;
    setPhase({ ...phase, cancelling: true });
    await client.call('imports.cancel', { importId: phase.importId }).catch(() => undefined);
  }

  async function commit(preview: ImportPreview, onError: 'skip' | 'abort') {
    if (!client) return;
    const mine = ++run.current;
    setPhase({ kind: 'committing', preview });
    try {
      const result = await client.call('imports.commit', { previewId: preview.previewId, onError });
      if (mine === run.current) setPhase({ kind: 'committed', result });
    } catch (e) {
      if (mine === run.current) setPhase(phaseOfError(e));
    } finally {
      setHistoryTick((t) => t + 1);
    }
  }

  function cancelPreview() {
    run.current++;
    setPhase({ kind: 'cancelled' });
  }

  async function undo(batchId: number) {
    if (!client) return;
    try {
      const r = await client.call('imports.undo', { batchId });
      setNotice({
        text: `Batch ${batchId} undone: ${plural(r.removed, 'row')} removed${r.restored > 0 ? `, ${plural(r.restored, 'row')} restored to their earlier values` : ''}.`,
        error: false,
      });
    } catch (e) {
      setNotice({ text: (e as Error).message, error: true });
    } finally {
      setHistoryTick((t) => t + 1);
    }
  }

  const busy = phase.kind === 'reading' || phase.kind === 'running' || phase.kind === 'committing';
  return (
    <section aria-labelledby="screen-title" className="imports-screen">
      <h1 id="screen-title">Imports</h1>

      <div className="import-drop-zone" data-testid="import-drop-zone">
        <p>
          <strong>Drop export files or a folder anywhere on this window</strong>
          <span className="muted-inline"> or</span>
        </p>
        <label className="button-like">
          Choose files…
          <input type="file" multiple className="sr-only" onChange={chooseFiles} disabled={busy} data-testid="import-file-input" />
        </label>
        <label className="button-like">
          Choose a folder…
          <input type="file" multiple className="sr-only" onChange={chooseFiles} disabled={busy} {...{ webkitdirectory: '' }} />
        </label>
      </div>

      <div aria-live="polite" className="import-status">
        {phase.kind === 'reading' && <p aria-busy="true">Reading {plural(phase.names.length, 'file')} in the browser…</p>}
        {phase.kind === 'cancelled' && (
          <p className="banner" role="status">
            Import cancelled; nothing was written.
          </p>
        )}
        {phase.kind === 'committed' && (
          <div className="banner ok" role="status" data-testid="import-committed">
            Imported {plural(phase.result.counts.new, 'new row')}
            {phase.result.counts.revised > 0 ? `, ${plural(phase.result.counts.revised, 'revised row')}` : ''}
            {phase.result.counts.duplicate > 0 ? ` (${plural(phase.result.counts.duplicate, 'duplicate')} left as they were)` : ''} from{' '}
            {plural(phase.result.files.length, 'file')}
            {phase.result.files.some((f) => f.batchId !== null) ? ` as batch ${phase.result.files.map((f) => f.batchId).filter((id) => id !== null).join(', ')}` : ''}.{' '}
            <a href={routeHash('overview')}>See the Overview</a>
          </div>
        )}
        {notice && (
          <p className={notice.error ? 'banner error-banner' : 'banner ok'} role={notice.error ? 'alert' : 'status'} data-testid="import-notice">
            {notice.text}
          </p>
        )}
      </div>
      {phase.kind === 'refused' && (
        <div className="banner error-banner" role="alert" data-testid="import-refused">
          <p className="banner-title">Not imported: {phase.refused.length > 1 ? `${phase.refused.length} files were refused` : 'the file was refused'}. Nothing was written.</p>
          <ul>
            {(phase.refused.length > 0 ? phase.refused : [{ file: '', message: phase.message }]).map((r, i) => (
              <li key={i}>{r.message}</li>
            ))}
          </ul>
        </div>
      )}
      {phase.kind === 'refused' && phase.dropped && <ImportMappingOffer refused={phase.refused} dropped={phase.dropped} onSaved={() => void start(phase.dropped!)} />}
      {phase.kind === 'failed' && (
        <p className="banner error-banner" role="alert">
          {phase.message}
        </p>
      )}

      {batches && batches.length === 0 && (phase.kind === 'idle' || phase.kind === 'cancelled') && formats && <SupportedFormats formats={formats} />}
      {phase.kind === 'running' && <Progress phase={phase} onCancel={() => void cancelRunning()} />}
      {(phase.kind === 'preview' || phase.kind === 'committing') && (
        <PreviewView
          preview={phase.preview}
          committing={phase.kind === 'committing'}
          onCommit={(onError) => void commit(phase.preview, onError)}
          onCancel={cancelPreview}
        />
      )}

      <section aria-labelledby="history-title" className="import-history-section">
        <h2 id="history-title" className="section-title">
          History
        </h2>
        {data.state === 'error' && (
          <p role="alert" className="error">
            {data.error.message}
          </p>
        )}
        {!batches && data.state === 'loading' && <p aria-busy="true">Loading…</p>}
        {batches && <ImportHistory batches={batches} formatLabel={formatLabel} timeZone={timeZone} onUndo={undo} />}
      </section>
      <ImportMappingList batches={batches} refreshKey={phase.kind} />
    </section>
  );
}

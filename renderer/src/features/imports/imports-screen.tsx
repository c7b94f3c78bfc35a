/**
 * The Imports screen: files dropped on the window, chosen here, or picked with File > Import... are
 * previewed (nothing written), then committed or cancelled; long reads show progress and can be
 * cancelled; below, the history of batches with Undo and the saved column mappings.
 */
import { useState, type ChangeEvent } from 'react';
import { useApp } from '../../client/store';
import { useApiData } from '../../client/use-api';
import { AgentLogs } from './agent-logs';
import { DemoData } from './demo-data';
import { ImportHistory } from './import-history';
import { fromFiles } from './import-inbox';
import { ImportMappingOffer } from './mapping/mapping-offer';
import { ImportMappingList } from './mapping/mapping-list';
import { PreviewView } from './import-preview-view';
import { Progress } from './import-progress';
import { DropZone, ImportStatus, Refused } from './import-status';
import { SupportedFormats } from './supported-formats';
import { useImportRun, useWaitingImports, type Notice } from './use-import-run';
import './import-screen.css';
import { useSay, useT } from '../../ui/i18n';
import { formatMonth } from '../../ui/format';

export function ImportsScreen() {
  const client = useApp((s) => s.client);
  const timeZone = useApp((s) => s.settings?.timeZone);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [historyTick, setHistoryTick] = useState(0);
  const t = useT();
  const { phase, start, commit, cancelRunning, cancelPreview } = useImportRun(setNotice, setHistoryTick);
  useWaitingImports(start);

  const data = useApiData((c) => Promise.all([c.call('imports.list', { includeUndone: true, limit: 500 }), c.call('imports.formats', {})]), [historyTick]);
  const [batches, formats] = data.value ?? [undefined, undefined];
  const say = useSay();
  const labels = new Map((formats ?? []).map((f) => [f.id, f.labelSaid ? say(f.labelSaid) : f.label]));
  const formatLabel = (id: string) => labels.get(id) ?? id;

  function chooseFiles(e: ChangeEvent<HTMLInputElement>) {
    const files = Array.from(e.target.files ?? []);
    e.target.value = '';
    if (files.length > 0) void start(fromFiles(files));
  }

  async function undo(batchId: number) {
    if (!client) return;
    try {
      const r = await client.call('imports.undo', { batchId });
      const months = r.heldMonths.map((m) => formatMonth(m)).join(', ');
      const text =
        r.heldMonths.length > 0
          ? t('imports.undoHeld', { id: batchId, months })
          : r.restored > 0
            ? t('imports.undone.restored', { id: batchId, count: r.removed, restored: r.restored })
            : t('imports.undone', { id: batchId, count: r.removed });
      setNotice({ text, error: false });
    } catch (e) {
      setNotice({ text: (e as Error).message, error: true });
    } finally {
      setHistoryTick((n) => n + 1);
    }
  }

  const busy = phase.kind === 'reading' || phase.kind === 'running' || phase.kind === 'committing';
  return (
    <section aria-labelledby="screen-title" className="imports-screen">
      <h1 id="screen-title">{t('app.screen.imports')}</h1>
      <DropZone busy={busy} onChoose={chooseFiles} />
      <ImportStatus phase={phase} notice={notice} />
      {phase.kind === 'refused' && <Refused phase={phase} />}
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

      <AgentLogs />

      <section aria-labelledby="history-title" className="import-history-section">
        <h2 id="history-title" className="section-title">
          {t('imports.history.title')}
        </h2>
        {data.state === 'error' && (
          <p role="alert" className="error">
            {data.error.message}
          </p>
        )}
        {!batches && data.state === 'loading' && <p aria-busy="true">{t('app.loading')}</p>}
        <DemoData />
        {batches && <ImportHistory batches={batches} formatLabel={formatLabel} timeZone={timeZone} onUndo={undo} />}
      </section>
      <ImportMappingList batches={batches} refreshKey={phase.kind} />
    </section>
  );
}

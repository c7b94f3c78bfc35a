/** The Imports screen's drop zone and what it says about the latest run: reading, cancelled, committed, refused, failed. */
import type { ChangeEvent } from 'react';
import type { ImportResult } from '../../../../shared/contract/types';
import { routeHash } from '../../client/route';
import type { Phase } from './import-phase';
import type { Notice } from './use-import-run';
import { useSay, useT } from '../../ui/i18n';

export function DropZone({ busy, onChoose }: { busy: boolean; onChoose(e: ChangeEvent<HTMLInputElement>): void }) {
  const t = useT();
  return (
    <div className="import-drop-zone" data-testid="import-drop-zone">
      <p>
        <strong>{t('imports.drop.title')}</strong>
        <span className="muted-inline"> {t('imports.drop.or')}</span>
      </p>
      <label className="button-like">
        {t('imports.drop.files')}
        <input type="file" multiple className="sr-only" onChange={onChoose} disabled={busy} data-testid="import-file-input" />
      </label>
      <label className="button-like">
        {t('imports.drop.folder')}
        <input type="file" multiple className="sr-only" onChange={onChoose} disabled={busy} {...{ webkitdirectory: '' }} />
      </label>
    </div>
  );
}

function Committed({ result }: { result: ImportResult }) {
  const t = useT();
  const batches = result.files.map((f) => f.batchId).filter((id) => id !== null);
  return (
    <div className="banner ok" role="status" data-testid="import-committed">
      {t('imports.committed', {
        rows: result.counts.new,
        revised: result.counts.revised,
        duplicates: result.counts.duplicate,
        files: result.files.length,
        batches: batches.join(', '),
        hasBatch: batches.length > 0 ? 'yes' : 'no',
      })}{' '}
      <a href={routeHash('overview')}>{t('imports.seeOverview')}</a>
    </div>
  );
}

/** Announced politely to screen readers: reading, cancelled, committed, and the notice of an undo. */
export function ImportStatus({ phase, notice }: { phase: Phase; notice: Notice | null }) {
  const t = useT();
  return (
    <div aria-live="polite" className="import-status">
      {phase.kind === 'reading' && <p aria-busy="true">{t('imports.readingBrowser', { count: phase.names.length })}</p>}
      {phase.kind === 'cancelled' && (
        <p className="banner" role="status">
          {t('imports.cancelled')}
        </p>
      )}
      {phase.kind === 'committed' && <Committed result={phase.result} />}
      {notice && (
        <p className={notice.error ? 'banner error-banner' : 'banner ok'} role={notice.error ? 'alert' : 'status'} data-testid="import-notice">
          {notice.text}
        </p>
      )}
    </div>
  );
}

export function Refused({ phase }: { phase: Extract<Phase, { kind: 'refused' }> }) {
  const t = useT();
  const say = useSay();
  return (
    <div className="banner error-banner" role="alert" data-testid="import-refused">
      <p className="banner-title">{t('imports.refused', { count: Math.max(1, phase.refused.length) })}</p>
      <ul>
        {(phase.refused.length > 0 ? phase.refused : [{ file: '', message: phase.message }]).map((r, i) => (
          <li key={i}>{'said' in r && r.said ? say(r.said) : r.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** The Imports screen's drop zone and what it says about the latest run: reading, cancelled, committed, refused, failed. */
import type { ChangeEvent } from 'react';
import type { ImportResult } from '../../../../shared/contract/types';
import { routeHash } from '../../client/route';
import { plural, type Phase } from './import-phase';
import type { Notice } from './use-import-run';

export function DropZone({ busy, onChoose }: { busy: boolean; onChoose(e: ChangeEvent<HTMLInputElement>): void }) {
  return (
    <div className="import-drop-zone" data-testid="import-drop-zone">
      <p>
        <strong>Drop export files or a folder anywhere on this window</strong>
        <span className="muted-inline"> or</span>
      </p>
      <label className="button-like">
        Choose files…
        <input type="file" multiple className="sr-only" onChange={onChoose} disabled={busy} data-testid="import-file-input" />
      </label>
      <label className="button-like">
        Choose a folder…
        <input type="file" multiple className="sr-only" onChange={onChoose} disabled={busy} {...{ webkitdirectory: '' }} />
      </label>
    </div>
  );
}

function Committed({ result }: { result: ImportResult }) {
  return (
    <div className="banner ok" role="status" data-testid="import-committed">
      Imported {plural(result.counts.new, 'new row')}
      {result.counts.revised > 0 ? `, ${plural(result.counts.revised, 'revised row')}` : ''}
      {result.counts.duplicate > 0 ? ` (${plural(result.counts.duplicate, 'duplicate')} left as they were)` : ''} from{' '}
      {plural(result.files.length, 'file')}
      {result.files.some((f) => f.batchId !== null) ? ` as batch ${result.files.map((f) => f.batchId).filter((id) => id !== null).join(', ')}` : ''}.{' '}
      <a href={routeHash('overview')}>See the Overview</a>
    </div>
  );
}

/** Announced politely to screen readers: reading, cancelled, committed, and the notice of an undo. */
export function ImportStatus({ phase, notice }: { phase: Phase; notice: Notice | null }) {
  return (
    <div aria-live="polite" className="import-status">
      {phase.kind === 'reading' && <p aria-busy="true">Reading {plural(phase.names.length, 'file')} in the browser…</p>}
      {phase.kind === 'cancelled' && (
        <p className="banner" role="status">
          Import cancelled; nothing was written.
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
  return (
    <div className="banner error-banner" role="alert" data-testid="import-refused">
      <p className="banner-title">Not imported: {phase.refused.length > 1 ? `${phase.refused.length} files were refused` : 'the file was refused'}. Nothing was written.</p>
      <ul>
        {(phase.refused.length > 0 ? phase.refused : [{ file: '', message: phase.message }]).map((r, i) => (
          <li key={i}>{r.message}</li>
        ))}
      </ul>
    </div>
  );
}

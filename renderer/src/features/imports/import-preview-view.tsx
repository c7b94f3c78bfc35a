/** An import's preview: nothing is written until Commit (or Skip the bad rows and commit), or Cancel. */
import { useEffect, useRef } from 'react';
import type { ImportPreview } from '../../../../shared/contract/types';
import { ImportCountList } from './import-counts';
import { ImportFileCard } from './import-file-card';
import { plural } from './import-phase';

export function PreviewView({
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

/** An import's preview: nothing is written until Commit (or Skip the bad rows and commit), or Cancel. */
import { useEffect, useRef } from 'react';
import type { ImportPreview } from '../../../../shared/contract/types';
import { ImportCountList } from './import-counts';
import { ImportFileCard } from './import-file-card';
import { useT } from '../../ui/i18n';

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
  const t = useT();
  return (
    <section aria-labelledby="import-preview-title" className="import-preview" data-testid="import-preview">
      <h2 id="import-preview-title" ref={headingRef} tabIndex={-1} className="section-title">
        {t('imports.preview.title', { count: preview.files.length })}
      </h2>
      <ImportCountList counts={preview.counts} testId="import-counts" />
      <div className="import-actions" role="group" aria-label={t('imports.preview.actions')}>
        {bad > 0 ? (
          <>
            <p className="error" id="bad-rows-choice">
              {t('imports.preview.bad', { count: bad })}
            </p>
            <button type="button" className="primary" disabled={committing} onClick={() => onCommit('skip')} aria-describedby="bad-rows-choice">
              {committing ? t('imports.preview.committing') : t('imports.preview.skipCommit', { count: bad })}
            </button>
          </>
        ) : (
          <>
            {writes === 0 && <p className="muted">{t('imports.preview.nothingNew')}</p>}
            <button type="button" className="primary" disabled={committing} onClick={() => onCommit('abort')}>
              {committing ? t('imports.preview.committing') : t('imports.preview.commit')}
            </button>
          </>
        )}
        <button type="button" disabled={committing} onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
      {preview.files.map((f, i) => (
        <ImportFileCard key={`${f.file}-${i}`} file={f} index={i} />
      ))}
    </section>
  );
}

/** A running import: bytes and rows read so far, the speed, and Cancel. */
import { useApp } from '../../client/store';
import { formatBytes } from './import-counts';
import type { Phase } from './import-phase';
import { useT } from '../../ui/i18n';

export function Progress({ phase, onCancel }: { phase: Extract<Phase, { kind: 'running' }>; onCancel(): void }) {
  const latest = useApp((s) => s.importProgress);
  const p = latest?.importId === phase.importId ? latest : null;
  const t = useT();
  return (
    <section className="card import-progress" aria-labelledby="import-progress-title" aria-busy="true" data-testid="import-progress">
      <h2 id="import-progress-title">
        {phase.names.length === 1 ? t('imports.progress.readingOne', { name: phase.names[0] }) : t('imports.progress.reading', { count: phase.names.length })}
      </h2>
      {p ? (
        <>
          <progress max={Math.max(p.totalBytes, 1)} value={Math.min(p.bytes, p.totalBytes)} aria-label={t('imports.progress.bytesOf', { file: p.file })} />
          <p className="figures">
            {t('imports.progress.figures', { file: p.file, rows: p.rows, read: formatBytes(p.bytes), total: formatBytes(p.totalBytes), speed: p.rowsPerSecond })}
          </p>
        </>
      ) : (
        <progress aria-label={t('imports.progress.readingFiles')} />
      )}
      <button type="button" onClick={onCancel} disabled={phase.cancelling}>
        {phase.cancelling ? t('imports.progress.cancelling') : t('imports.progress.cancel')}
      </button>
    </section>
  );
}

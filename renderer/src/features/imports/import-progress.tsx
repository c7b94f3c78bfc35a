/** A running import: bytes and rows read so far, the speed, and Cancel. */
import { useApp } from '../../client/store';
import { formatInteger } from '../../ui/format';
import { formatBytes } from './import-counts';
import { plural, type Phase } from './import-phase';

export function Progress({ phase, onCancel }: { phase: Extract<Phase, { kind: 'running' }>; onCancel(): void }) {
  const latest = useApp((s) => s.importProgress);
  const p = latest?.importId === phase.importId ? latest : null;
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

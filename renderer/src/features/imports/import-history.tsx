/** The history of import batches, newest first, each with Undo (asked once more before it runs). */
import { useEffect, useRef, useState } from 'react';
import type { ImportBatchInfo } from '../../../../shared/contract/types';
import { formatInteger } from '../../ui/format';
import { COUNT_KEYS, COUNT_LABELS } from './import-counts';

function UndoConfirm({ batch, busy, onConfirm, onKeep }: { batch: ImportBatchInfo; busy: boolean; onConfirm(): void; onKeep(): void }) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  const id = `undo-${batch.id}`;
  return (
    <div
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      className="confirm"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onKeep();
      }}
    >
      <p id={`${id}-title`} className="confirm-title">
        Undo batch {batch.id} ({batch.file})?
      </p>
      <p id={`${id}-desc`}>
        Its {formatInteger(batch.counts.new)} new rows leave the ledger
        {batch.counts.revised > 0 ? ` and the ${formatInteger(batch.counts.revised)} rows it revised get their earlier values back` : ''}.
      </p>
      <div className="actions">
        <button type="button" className="danger" ref={confirmRef} disabled={busy} onClick={onConfirm}>
          {busy ? 'Undoing…' : `Undo batch ${batch.id}`}
        </button>
        <button type="button" onClick={onKeep} disabled={busy}>
          Keep it
        </button>
      </div>
    </div>
  );
}

export function ImportHistory({
  batches,
  formatLabel,
  timeZone,
  onUndo,
}: {
  batches: readonly ImportBatchInfo[];
  formatLabel(id: string): string;
  timeZone: string | undefined;
  onUndo(batchId: number): Promise<void>;
}) {
  const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
  if (batches.length === 0) return <p className="muted">No imports yet: the batches you commit are listed here, each with Undo.</p>;
  const columns = 5 + COUNT_KEYS.length;
  return (
    <div className="table-scroll">
      <table className="import-table import-batches" aria-label="Import batches" data-testid="import-history">
        <thead>
          <tr>
            <th scope="col" className="num">
              Batch
            </th>
            <th scope="col">File</th>
            <th scope="col">Format</th>
            <th scope="col">Imported</th>
            {COUNT_KEYS.map((k) => (
              <th scope="col" className="num" key={k}>
                {COUNT_LABELS[k]}
              </th>
            ))}
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <HistoryRow
              key={b.id}
              batch={b}
              format={formatLabel(b.format)}
              when={when.format(new Date(b.createdAt))}
              undoneWhen={b.undoneAt ? when.format(new Date(b.undoneAt)) : null}
              columns={columns}
              onUndo={onUndo}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HistoryRow({
  batch: b,
  format,
  when,
  undoneWhen,
  columns,
  onUndo,
}: {
  batch: ImportBatchInfo;
  format: string;
  when: string;
  undoneWhen: string | null;
  columns: number;
  onUndo(batchId: number): Promise<void>;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const undoButton = useRef<HTMLButtonElement>(null);
  function keep() {
    setConfirming(false);
    undoButton.current?.focus();
  }
  async function confirm() {
    setBusy(true);
    try {
      await onUndo(b.id);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  return (
    <>
      <tr data-testid="import-batch" data-batch={b.id} data-status={b.status} className={b.status === 'undone' ? 'undone' : undefined}>
        <td className="num">{b.id}</td>
        <th scope="row" title={b.path ?? undefined}>
          {b.file}
          {b.demo && (
            <span className="tag demo-tag" title="Part of the generated demo: Remove demo data takes it out">
              Demo
            </span>
          )}
        </th>
        <td className="format">{format}</td>
        <td>
          <time dateTime={b.createdAt}>{when}</time>
        </td>
        {COUNT_KEYS.map((k) => (
          <td className="num" key={k} data-count={k}>
            {formatInteger(b.counts[k])}
          </td>
        ))}
        <td className="status">
          {b.status === 'undone' ? (
            <span>
              Undone{b.undoneAt && undoneWhen ? <time dateTime={b.undoneAt}>{undoneWhen}</time> : null}
            </span>
          ) : (
            <button type="button" ref={undoButton} onClick={() => setConfirming(true)} aria-label={`Undo batch ${b.id} (${b.file})`} aria-expanded={confirming}>
              Undo…
            </button>
          )}
        </td>
      </tr>
      {confirming && (
        <tr className="confirm-row">
          <td colSpan={columns}>
            <UndoConfirm batch={b} busy={busy} onConfirm={() => void confirm()} onKeep={keep} />
          </td>
        </tr>
      )}
    </>
  );
}

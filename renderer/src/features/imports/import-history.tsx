/** The history of import batches, newest first, each with Undo (asked once more before it runs). */
import { useEffect, useRef, useState } from 'react';
import type { ImportBatchInfo } from '../../../../shared/contract/types';
import { formatInteger } from '../../ui/format';
import { COUNT_KEYS, COUNT_LABELS } from './import-counts';
import { useT } from '../../ui/i18n';
import { VirtualTable } from '../../ui/virtual-table';
import { getFormatLocale } from '../../ui/format';

function UndoConfirm({ batch, busy, onConfirm, onKeep }: { batch: ImportBatchInfo; busy: boolean; onConfirm(): void; onKeep(): void }) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => confirmRef.current?.focus(), []);
  const id = `undo-${batch.id}`;
  const t = useT();
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
        {t('imports.undo.question', { id: batch.id, file: batch.file })}
      </p>
      <p id={`${id}-desc`}>
        {batch.counts.revised > 0
          ? t('imports.undo.explainRevised', { count: batch.counts.new, revised: batch.counts.revised })
          : t('imports.undo.explain', { count: batch.counts.new })}
      </p>
      <div className="actions">
        <button type="button" className="danger" ref={confirmRef} disabled={busy} onClick={onConfirm}>
          {busy ? t('imports.undo.undoing') : t('imports.undo.button', { id: batch.id })}
        </button>
        <button type="button" onClick={onKeep} disabled={busy}>
          {t('imports.keepIt')}
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
  const t = useT();
  const when = new Intl.DateTimeFormat(getFormatLocale(), { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) });
  if (batches.length === 0) return <p className="muted">{t('imports.history.none')}</p>;
  const columns = 5 + COUNT_KEYS.length;
  // One row per import, for as long as the ledger lives: past a hundred only the rows in sight are drawn.
  return (
    <VirtualTable
      rows={batches}
      rowKey={(b) => String(b.id)}
      grouped
      className="import-table import-batches"
      aria-label={t('imports.history.label')}
      data-testid="import-history"
      columns={columns}
      estimate={40}
      head={
        <tr aria-rowindex={1}>
          <th scope="col" className="num">
            {t('imports.col.batch')}
          </th>
          <th scope="col">{t('imports.col.file')}</th>
          <th scope="col">{t('imports.col.format')}</th>
          <th scope="col">{t('imports.col.imported')}</th>
          {COUNT_KEYS.map((k) => (
            <th scope="col" className="num" key={k}>
              {t(COUNT_LABELS[k])}
            </th>
          ))}
          <th scope="col">{t('imports.col.status')}</th>
        </tr>
      }
      renderRow={(b, props) => (
        <HistoryRow
          rowIndex={props['aria-rowindex']}
          batch={b}
          format={formatLabel(b.format)}
          when={when.format(new Date(b.createdAt))}
          undoneWhen={b.undoneAt ? when.format(new Date(b.undoneAt)) : null}
          columns={columns}
          onUndo={onUndo}
        />
      )}
    />
  );
}

function HistoryRow({
  rowIndex,
  batch: b,
  format,
  when,
  undoneWhen,
  columns,
  onUndo,
}: {
  rowIndex: number;
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
  const t = useT();
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
      <tr aria-rowindex={rowIndex} data-testid="import-batch" data-batch={b.id} data-status={b.status} className={b.status === 'undone' ? 'undone' : undefined}>
        <td className="num">{b.id}</td>
        <th scope="row" title={b.path ?? undefined}>
          {b.file}
          {b.demo && (
            <span className="tag demo-tag" title={t('imports.demo.tagTitle')}>
              {t('imports.demo.tag')}
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
              {t('imports.history.undone')}
              {b.undoneAt && undoneWhen ? <time dateTime={b.undoneAt}>{undoneWhen}</time> : null}
            </span>
          ) : (
            <button type="button" ref={undoButton} onClick={() => setConfirming(true)} aria-label={t('imports.undo.label', { id: b.id, file: b.file })} aria-expanded={confirming}>
              {t('imports.undo.ask')}
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

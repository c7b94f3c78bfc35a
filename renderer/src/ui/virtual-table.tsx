/**
 * A table whose body grows with the ledger (a day-by-model reconciliation, the import history): past
 * `threshold` rows only the rows in sight (and a few either side) are in the DOM, inside a box of at most
 * `maxHeight` that scrolls, so ten thousand rows cost what forty do. It stays a real <table>: the header
 * sticks, `aria-rowcount` gives the full count and each row its `aria-rowindex`, and rows of any height
 * are measured as they render. @tanstack/react-virtual does the windowing.
 */
import { Fragment, type ReactNode, type Ref } from 'react';
import { measureElement, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import './virtual-table.css';

/** What a row must carry: spread onto its <tr>. */
export interface VirtualRowProps {
  ref?: Ref<HTMLTableRowElement>;
  'data-index'?: number;
  'aria-rowindex': number;
}

export function VirtualTable<T>({
  rows,
  rowKey,
  renderRow,
  head,
  columns,
  caption,
  estimate = 36,
  maxHeight = 560,
  threshold = 100,
  className = 'data',
  boxClassName = 'table-scroll',
  grouped = false,
  ...attrs
}: {
  rows: readonly T[];
  rowKey(row: T): string;
  /** The row's <tr>, with `props` spread onto it. */
  renderRow(row: T, props: VirtualRowProps): ReactNode;
  /** The header row(s): the content of <thead>. */
  head: ReactNode;
  /** Columns, for the spacer rows. */
  columns: number;
  caption?: ReactNode;
  /** A row's height before it is measured, px. */
  estimate?: number;
  maxHeight?: number;
  /** Up to this many rows the table is drawn whole. */
  threshold?: number;
  className?: string;
  boxClassName?: string;
  /** Each row is a group of <tr> (a row and its inline form): drawn and measured as one <tbody> each. */
  grouped?: boolean;
  'data-testid'?: string;
  'aria-label'?: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const windowed = rows.length > threshold;
  // The virtualizer's functions change with every scroll by design; nothing here memoizes them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const v = useVirtualizer({
    count: windowed ? rows.length : 0,
    getScrollElement: () => box.current,
    estimateSize: () => estimate,
    overscan: 8,
    // Where nothing is laid out (a test's DOM), the box is taken at its full height and rows at their estimate, not 0.
    initialRect: { width: 0, height: maxHeight },
    observeElementRect: (instance, cb) => observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: maxHeight })),
    measureElement: (el, entry, instance) => measureElement(el, entry, instance) || estimate,
  });
  const items = windowed ? v.getVirtualItems() : [];
  const before = items[0]?.start ?? 0;
  const after = windowed ? v.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;
  const spacer = (height: number) =>
    height > 0 && (
      <tr aria-hidden="true" className="virtual-spacer" style={{ height }}>
        <td colSpan={columns} />
      </tr>
    );
  const row = (r: T, i: number, measured: boolean) =>
    grouped ? (
      <tbody key={rowKey(r)} ref={measured ? v.measureElement : undefined} data-index={measured ? i : undefined}>
        {renderRow(r, { 'aria-rowindex': i + 2 })}
      </tbody>
    ) : (
      <Fragment key={rowKey(r)}>{renderRow(r, measured ? { ref: v.measureElement, 'data-index': i, 'aria-rowindex': i + 2 } : { 'aria-rowindex': i + 2 })}</Fragment>
    );
  const drawn = windowed ? items.map((it) => row(rows[it.index]!, it.index, true)) : rows.map((r, i) => row(r, i, false));
  const body = grouped ? (
    <>
      {before > 0 && <tbody>{spacer(before)}</tbody>}
      {drawn}
      {after > 0 && <tbody>{spacer(after)}</tbody>}
    </>
  ) : (
    <tbody>
      {spacer(before)}
      {drawn}
      {spacer(after)}
    </tbody>
  );
  return (
    <div ref={box} className={windowed ? `${boxClassName} virtual-box` : boxClassName} style={windowed ? { maxHeight } : undefined} data-windowed={windowed ? 'true' : undefined}>
      <table className={className} aria-rowcount={rows.length + 1} {...attrs}>
        {caption !== undefined && <caption className="muted">{caption}</caption>}
        <thead>{head}</thead>
        {body}
      </table>
    </div>
  );
}

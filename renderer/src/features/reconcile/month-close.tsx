/**
 * Month close on Reconcile, where a lead reviews the month: mark the chosen month reconciled (or open it
 * again), and the imports that later brought facts into a closed month, held and not counted, each with
 * Accept (count it) and Discard (remove it).
 */
import { useState } from 'react';
import { heldByMonth, heldSentence, monthName, type HeldImport } from '../../../../shared/contract/api/close';
import { useApp } from '../../client/store';
import { useApiData } from '../../client/use-api';
import { formatMoney } from '../../ui/format';

const amountsText = (a: Record<string, string>) =>
  Object.entries(a)
    .map(([c, v]) => formatMoney(v, c))
    .join(' + ') || 'no money';

function HeldTable({ held, act }: { held: HeldImport[]; act(kind: 'accept' | 'discard', sel: { batchIds?: number[]; month?: string }): void }) {
  return (
    <div className="table-scroll">
      <table className="data" aria-label="Held imports">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Month</th>
            <th scope="col" className="num">New facts</th>
            <th scope="col" className="num">Changed facts</th>
            <th scope="col" className="num">Amount</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {held.map((h) => (
            <tr key={`${h.batchId}|${h.month}`} data-testid={`held-${h.batchId}`}>
              <th scope="row">{h.file}</th>
              <td>{monthName(h.month)}</td>
              <td className="num">{h.newFacts}</td>
              <td className="num">{h.revisedFacts}</td>
              <td className="num">{amountsText(h.amounts)}</td>
              <td>
                <button type="button" onClick={() => act('accept', { batchIds: [h.batchId], month: h.month })}>
                  Accept
                </button>{' '}
                <button type="button" onClick={() => act('discard', { batchIds: [h.batchId], month: h.month })}>
                  Discard
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MonthClose({ month }: { month: string }) {
  const client = useApp((s) => s.client);
  const data = useApiData((c) => c.call('close.list', {}), []);
  const [error, setError] = useState<string | null>(null);
  const s = data.value;
  if (!s) return null;
  const closed = s.closed.find((c) => c.month === month);
  async function run(f: () => Promise<unknown>) {
    try {
      await f();
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  const act = (kind: 'accept' | 'discard', sel: { batchIds?: number[]; month?: string }) =>
    void run(() => (kind === 'accept' ? client!.call('close.accept', sel) : client!.call('close.discard', sel)));
  return (
    <section className="card wide" aria-labelledby="month-close-title" data-testid="month-close">
      <h2 id="month-close-title">Month close</h2>
      {month === '' ? (
        <p className="muted">Pick a month to mark it reconciled: later imports into it are then held for your confirmation.</p>
      ) : closed ? (
        <p>
          {monthName(month)} is closed (since {closed.closedAt.slice(0, 10)}): later imports into it are held.{' '}
          <button type="button" onClick={() => void run(() => client!.call('close.reopen', { month }))}>
            Reopen {monthName(month)}
          </button>
        </p>
      ) : (
        <p>
          <button type="button" onClick={() => void run(() => client!.call('close.month', { month }))}>
            Mark {monthName(month)} reconciled
          </button>
        </p>
      )}
      {s.closed.length > 0 && <p className="muted">Closed: {s.closed.map((c) => monthName(c.month)).join(', ')}</p>}
      {heldByMonth(s.held).map((m) => (
        <p key={m.month} role="status" className="verdict">
          <strong>{heldSentence(m, amountsText(m.amounts))}</strong>{' '}
          <button type="button" onClick={() => act('accept', { month: m.month })}>
            Accept all
          </button>{' '}
          <button type="button" onClick={() => act('discard', { month: m.month })}>
            Discard all
          </button>
        </p>
      ))}
      {s.held.length > 0 && <HeldTable held={s.held} act={act} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}

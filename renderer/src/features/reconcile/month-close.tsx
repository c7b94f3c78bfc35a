/**
 * Month close on Reconcile, where a lead reviews the month: mark the chosen month reconciled (or open it
 * again), and the imports that later brought facts into a closed month, held and not counted, each with
 * Accept (count it) and Discard (remove it).
 */
import { useState } from 'react';
import { heldByMonth, type HeldImport } from '../../../../shared/contract/api/close';
import { useApp } from '../../client/store';
import { useApiData } from '../../client/use-api';
import { formatInteger, formatMonth, formatMoney } from '../../ui/format';
import { useT, type T } from '../../ui/i18n';

const amountsText = (a: Record<string, string>, t: T) =>
  Object.entries(a)
    .map(([c, v]) => formatMoney(v, c))
    .join(' + ') || t('reconcile.close.noMoney');

function HeldTable({ held, act }: { held: HeldImport[]; act(kind: 'accept' | 'discard', sel: { batchIds?: number[]; month?: string }): void }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="data" aria-label={t('reconcile.close.heldTable')}>
        <thead>
          <tr>
            <th scope="col">{t('reconcile.close.file')}</th>
            <th scope="col">{t('reconcile.close.month')}</th>
            <th scope="col" className="num">
              {t('reconcile.close.newFacts')}
            </th>
            <th scope="col" className="num">
              {t('reconcile.close.changedFacts')}
            </th>
            <th scope="col" className="num">
              {t('reconcile.close.removedFacts')}
            </th>
            <th scope="col" className="num">
              {t('reconcile.close.amount')}
            </th>
            <th scope="col">{t('reconcile.close.decision')}</th>
          </tr>
        </thead>
        <tbody>
          {held.map((h) => (
            <tr key={`${h.kind}|${h.batchId}|${h.month}`} data-testid={`held-${h.batchId}`}>
              <th scope="row">{h.kind === 'undo' ? t('reconcile.close.undoOf', { file: h.file }) : h.file}</th>
              <td>{formatMonth(h.month)}</td>
              <td className="num">{formatInteger(h.newFacts)}</td>
              <td className="num">{formatInteger(h.revisedFacts)}</td>
              <td className="num">{formatInteger(h.removedFacts)}</td>
              <td className="num">{amountsText(h.amounts, t)}</td>
              <td>
                <button type="button" onClick={() => act('accept', { batchIds: [h.batchId], month: h.month })}>
                  {t('reconcile.close.accept')}
                </button>{' '}
                <button type="button" onClick={() => act('discard', { batchIds: [h.batchId], month: h.month })}>
                  {t('reconcile.close.discard')}
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
  const t = useT();
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
      <h2 id="month-close-title">{t('reconcile.close.title')}</h2>
      {month === '' ? (
        <p className="muted">{t('reconcile.close.pick')}</p>
      ) : closed ? (
        <p>
          {t('reconcile.close.isClosed', { month: formatMonth(month), date: closed.closedAt.slice(0, 10) })}{' '}
          <button type="button" onClick={() => void run(() => client!.call('close.reopen', { month }))}>
            {t('reconcile.close.reopen', { month: formatMonth(month) })}
          </button>
        </p>
      ) : (
        <p>
          <button type="button" onClick={() => void run(() => client!.call('close.month', { month }))}>
            {t('reconcile.close.mark', { month: formatMonth(month) })}
          </button>
        </p>
      )}
      {s.closed.length > 0 && <p className="muted">{t('reconcile.close.closedList', { months: s.closed.map((c) => formatMonth(c.month)).join(', ') })}</p>}
      {heldByMonth(s.held).map((m) => (
        <p key={m.month} role="status" className="verdict">
          <strong>{t(m.closed ? 'reconcile.close.heldClosed' : 'reconcile.close.held', { imports: m.imports, amount: amountsText(m.amounts, t), month: formatMonth(m.month) })}</strong>{' '}
          <button type="button" onClick={() => act('accept', { month: m.month })}>
            {t('reconcile.close.acceptAll')}
          </button>{' '}
          <button type="button" onClick={() => act('discard', { month: m.month })}>
            {t('reconcile.close.discardAll')}
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

/** The exchange-rate table: each currency's rates with the dates they are in force, built-in and yours. */
import type { FxRateRow } from '../../../../shared/contract/api/fx';
import { useT, useTRich } from '../../ui/i18n';
import { getFormatLocale } from '../../ui/format';

/** The date the next rate of the same currency starts (null: still in force). Rows arrive by currency then date. */
function untilOf(rows: readonly FxRateRow[], i: number): string | null {
  const next = rows[i + 1];
  return next && next.currency === rows[i]!.currency ? next.date : null;
}

/** "1 EUR = 1.0389 USD": the inverse, for reading only (never used to convert). */
function inverse(perUsd: string): string {
  const n = Number(perUsd);
  return n > 0 ? (1 / n).toLocaleString(getFormatLocale(), { maximumFractionDigits: 6, minimumFractionDigits: 4 }) : '—';
}

/**
 * The rows worth listing of a table of hundreds of daily built-in rates: every rate of the user, the latest
 * built-in rate of each currency, and the built-in rate each rate of the user follows.
 */
function shownIndexes(rows: FxRateRow[]): number[] {
  return rows
    .map((r, i) => i)
    .filter((i) => {
      const r = rows[i]!;
      const next = rows[i + 1];
      return r.origin === 'user' || !next || next.currency !== r.currency || next.origin === 'user';
    });
}

export function RateTable({ rows, onRemove, busy }: { rows: FxRateRow[]; onRemove: (r: FxRateRow) => void; busy: boolean }) {
  const shown = shownIndexes(rows);
  const t = useT();
  const tRich = useTRich();
  return (
    <div className="table-scroll">
      <table className="data" data-testid="fx-table">
        <caption className="muted">
          {tRich('prices.fx.tableCaption', { hidden: rows.length - shown.length, command: <code>tokenledger fx list</code> })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('budgets.f.currency')}</th>
            <th scope="col">{t('prices.fx.from')}</th>
            <th scope="col">{t('prices.until')}</th>
            <th scope="col" className="num">{t('prices.fx.perUsd')}</th>
            <th scope="col" className="num">{t('prices.fx.unitInUsd')}</th>
            <th scope="col">{t('prices.fx.source')}</th>
            <th scope="col">{t('imports.col.kind')}</th>
            <th scope="col"><span className="sr-only">{t('imports.map.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {shown.map((i) => rows[i]!).map((r, k) => (
            <tr key={`${r.currency}|${r.date}`} data-origin={r.origin}>
              <th scope="row">{r.currency}</th>
              <td className="num">{r.date}</td>
              <td className="num">{untilOf(rows, shown[k]!) ?? t('prices.inForce')}</td>
              <td className="num">{r.perUsd}</td>
              <td className="num">{inverse(r.perUsd)}</td>
              <td>{r.source}</td>
              <td className="nowrap">{r.origin === 'builtin' ? t('prices.builtin') : t('prices.yours')}</td>
              <td>
                {r.origin === 'user' && (
                  <button type="button" disabled={busy} aria-label={t('prices.fx.removeLabel', { currency: r.currency, date: r.date })} onClick={() => onRemove(r)}>
                    {t('prices.remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

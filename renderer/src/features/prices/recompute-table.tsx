/** What a price change does to the ledger's estimates, model by model. */
import type { RecomputePreview } from '../../../../shared/contract/api/prices';
import { formatInteger, formatMoney } from '../../ui/format';
import { useT } from '../../ui/i18n';

export function RecomputeTable({ r, applied }: { r: RecomputePreview; applied: boolean }) {
  const t = useT();
  if (r.changed === 0) return <p className="muted">{t('prices.recompute.none', { count: r.examined })}</p>;
  return (
    <>
      <p>
        {t(applied ? 'prices.recompute.done' : 'prices.recompute.would', { changed: r.changed, examined: r.examined, days: r.days.length })}
      </p>
      <table className="data" data-testid="recompute-preview">
        <thead>
          <tr>
            <th scope="col">{t('explore.dim.model')}</th>
            <th scope="col" className="num">{t('prices.table.facts')}</th>
            <th scope="col" className="num">{t('prices.recompute.before')}</th>
            <th scope="col" className="num">{t('prices.recompute.after')}</th>
            <th scope="col" className="num">{t('prices.recompute.change')}</th>
          </tr>
        </thead>
        <tbody>
          {r.models.map((m) => (
            <tr key={`${m.model}|${m.currency ?? ''}`}>
              <th scope="row">{m.model}</th>
              <td className="num">{formatInteger(m.facts)}</td>
              <td className="num">{m.before !== null && m.currency && m.nowPriced < m.facts ? formatMoney(m.before, m.currency) : t('explore.fact.unpriced')}</td>
              <td className="num">{m.after !== null && m.currency ? formatMoney(m.after, m.currency) : t('explore.fact.unpriced')}</td>
              <td className="num">{m.delta !== null && m.currency ? formatMoney(m.delta, m.currency) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

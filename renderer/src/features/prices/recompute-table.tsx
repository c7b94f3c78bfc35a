/** What a price change does to the ledger's estimates, model by model. */
import type { RecomputePreview } from '../../../../shared/contract/api/prices';
import { formatInteger, formatMoney } from '../../ui/format';

export function RecomputeTable({ r, applied }: { r: RecomputePreview; applied: boolean }) {
  if (r.changed === 0) return <p className="muted">No estimate in the ledger changes ({formatInteger(r.examined)} usage facts looked at).</p>;
  return (
    <>
      <p>
        {applied ? 'Re-priced' : 'Would re-price'} {formatInteger(r.changed)} of {formatInteger(r.examined)} usage facts on {r.days.length} {r.days.length === 1 ? 'day' : 'days'}:
      </p>
      <table className="data" data-testid="recompute-preview">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="num">Facts</th>
            <th scope="col" className="num">Before</th>
            <th scope="col" className="num">After</th>
            <th scope="col" className="num">Change</th>
          </tr>
        </thead>
        <tbody>
          {r.models.map((m) => (
            <tr key={`${m.model}|${m.currency ?? ''}`}>
              <th scope="row">{m.model}</th>
              <td className="num">{formatInteger(m.facts)}</td>
              <td className="num">{m.before !== null && m.currency && m.nowPriced < m.facts ? formatMoney(m.before, m.currency) : 'unpriced'}</td>
              <td className="num">{m.after !== null && m.currency ? formatMoney(m.after, m.currency) : 'unpriced'}</td>
              <td className="num">{m.delta !== null && m.currency ? formatMoney(m.delta, m.currency) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

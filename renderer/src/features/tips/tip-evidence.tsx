/** Why a tip says what it says: the arithmetic, the prices used, the usage and facts behind it, the assumptions. */
import type { Tip } from '../../../../shared/contract/api/tips';
import { formatInteger } from '../../ui/format';

export function Evidence({ tip, id }: { tip: Tip; id: string }) {
  const e = tip.evidence;
  return (
    <div className="tip-evidence" id={id}>
      <h4>Arithmetic</h4>
      <ul className="arithmetic">
        {e.arithmetic.map((a, i) => (
          <li key={i}>{a}</li>
        ))}
      </ul>
      {e.prices.length > 0 && (
        <>
          <h4>Prices used (per 1M tokens)</h4>
          <table className="numbers compact">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Route</th>
                <th scope="col">From</th>
                <th scope="col">Prices</th>
                <th scope="col">Applied</th>
              </tr>
            </thead>
            <tbody>
              {e.prices.map((p, i) => (
                <tr key={i}>
                  <td>{p.model}</td>
                  <td>{p.route}</td>
                  <td>{p.effectiveFrom.slice(0, 16)}</td>
                  <td className="text">
                    {Object.entries(p.prices)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(', ')}{' '}
                    {p.currency}
                  </td>
                  <td className="text">{p.applied.join(', ') || 'standard'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {e.aggregates.length > 0 && (
        <>
          <h4>Usage behind it</h4>
          <ul className="aggregates">
            {e.aggregates.map((a) => (
              <li key={a.key}>
                <span className="agg-label">{a.label}</span>:{' '}
                {Object.entries(a.values)
                  .map(([k, v]) => `${k} ${v}`)
                  .join(' · ')}
              </li>
            ))}
          </ul>
        </>
      )}
      {e.factCount > 0 && (
        <p className="facts" data-testid="tip-facts">
          {formatInteger(e.factCount)} ledger rows: {e.factIds.slice(0, 30).map((id) => `#${id}`).join(', ')}
          {e.factIds.length > 30 ? ', …' : ''}
        </p>
      )}
      <h4>Assumptions</h4>
      <ul>
        {tip.assumptions.map((a, i) => (
          <li key={i}>{a}</li>
        ))}
      </ul>
    </div>
  );
}

/** A model's dated price history, as the book holds it (built-in, loaded source, your own prices). */
import type { TokenPriceMap } from '../../../../shared/contract/api/prices';
import { useApiData } from '../../client/use-api';
import { formatInteger } from '../../ui/format';
import { CLASSES } from './price-classes';

function priceCell(p: TokenPriceMap, k: keyof TokenPriceMap): string {
  return p[k] ?? '—';
}

export function History({ model }: { model: string }) {
  const data = useApiData((c) => c.call('prices.show', { model }), [model]);
  if (data.state === 'error') return <p role="alert" className="error">{data.error.message}</p>;
  if (!data.value) return <p aria-busy="true">Loading {model}…</p>;
  const d = data.value;
  return (
    <section aria-labelledby="history-title" className="card wide">
      <h2 id="history-title">Price history of {d.model}</h2>
      <p className="muted">
        {d.vendor ? `Made by ${d.vendor} (${d.region})` : 'Maker unknown'}
        {d.family && d.family !== d.model ? `, family ${d.family}` : ''}. In the ledger: {formatInteger(d.ledger.facts)} usage facts,{' '}
        {formatInteger(d.ledger.tokens)} tokens{d.ledger.unpricedFacts ? `, ${d.ledger.unpricedFacts} unpriced` : ''}.
      </p>
      {d.history.length === 0 ? (
        <p className="banner warn" role="status">No price in the book: usage of this model is unpriced.</p>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="price-history">
            <caption className="muted">Prices per million tokens</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Route</th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
                {CLASSES.map(([k, label]) => (
                  <th scope="col" className="num" key={k}>{label}</th>
                ))}
                <th scope="col">Origin</th>
              </tr>
            </thead>
            <tbody>
              {d.history.map((e, i) => (
                <tr key={i} title={`${e.source} (checked ${e.checkedOn})${e.tiers.length ? `; tiers: ${e.tiers.join(', ')}` : ''}`}>
                  <td>{e.model}</td>
                  <td>{e.route}</td>
                  <td>{e.effectiveFrom}</td>
                  <td>{e.effectiveTo ?? 'in force'}</td>
                  {CLASSES.map(([k]) => (
                    <td className="num" key={k}>
                      {e.withdrawn ? 'withdrawn' : priceCell(e.prices, k)} {e.withdrawn ? '' : e.prices[k] !== undefined ? e.currency : ''}
                    </td>
                  ))}
                  <td>{e.origin === 'user' ? `your price #${e.overrideId ?? ''}` : e.origin === 'source' ? 'loaded source' : 'built-in'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The price book's models with the price in force today, and the ledger's unpriced models; each opens its history. */
import type { PriceList } from '../../../../shared/contract/api/prices';
import { formatInteger } from '../../ui/format';
import { CLASSES } from './price-classes';

export function PriceTable({ list, selected, onSelect }: { list: PriceList; selected: string | null; onSelect(model: string): void }) {
  return (
    <div className="table-scroll">
      <table className="data" data-testid="price-list">
        <caption className="muted">
          Price in force today on the main route, per million tokens ({list.rows.length} of {list.total})
        </caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Vendor</th>
            <th scope="col">Route</th>
            {CLASSES.map(([k, label]) => (
              <th scope="col" className="num" key={k}>{label}</th>
            ))}
            <th scope="col">Since</th>
            <th scope="col" className="num">Facts</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((m) => (
            <tr key={m.model} aria-selected={selected === m.model}>
              <th scope="row">
                <button type="button" className="link" onClick={() => onSelect(m.model)}>
                  {m.model}
                </button>
              </th>
              <td>{m.vendor ? `${m.vendor} (${m.region})` : '—'}</td>
              <td>{m.route}</td>
              {CLASSES.map(([k]) => (
                <td className="num" key={k}>
                  {m.prices[k] !== undefined ? `${m.prices[k]} ${m.currency}` : '—'}
                </td>
              ))}
              <td>{m.effectiveFrom.startsWith('2000-01-01') ? <span title="The reference gives no start date">—</span> : m.effectiveFrom}{m.origin === 'user' ? ' (yours)' : ''}</td>
              <td className="num">{formatInteger(m.facts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UnpricedModels({ list, onSelect }: { list: PriceList; onSelect(model: string): void }) {
  if (list.unpriced.models.length === 0) return null;
  return (
    <p>
      Unpriced:{' '}
      {list.unpriced.models.map((m, i) => (
        <span key={`${m.model}|${m.provider}`}>
          {i > 0 && ', '}
          <button type="button" className="link" onClick={() => onSelect(m.model)}>
            {m.model}
          </button>{' '}
          <span className="muted">({m.provider}, {formatInteger(m.tokens)} tokens)</span>
        </span>
      ))}
    </p>
  );
}

/** The price book's models with the price in force today, and the ledger's unpriced models; each opens its history. */
import type { PriceList } from '../../../../shared/contract/api/prices';
import { formatInteger } from '../../ui/format';
import { CLASSES } from './price-classes';
import { useT } from '../../ui/i18n';

type PriceRow = PriceList['rows'][number];

/**
 * Columns a narrow window drops (prices-reconcile.css, class `opt`): the route (almost always direct),
 * the rarer 1-hour cache write and the date; the model's tooltip gives all three.
 */
const OPTIONAL = new Set<string>(['cache_write_1h']);
const price = (m: PriceRow, k: keyof PriceRow['prices']) => (m.prices[k] !== undefined ? `${m.prices[k]} ${m.currency}` : '—');
const since = (m: PriceRow) => (m.effectiveFrom.startsWith('2000-01-01') ? '—' : m.effectiveFrom);

export function PriceTable({ list, selected, onSelect }: { list: PriceList; selected: string | null; onSelect(model: string): void }) {
  const t = useT();
  return (
    <div className="table-scroll">
      <table className="data" data-testid="price-list">
        <caption className="muted">
          {t('prices.table.caption', { shown: list.rows.length, total: list.total })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('explore.dim.model')}</th>
            <th scope="col">{t('explore.dim.vendor')}</th>
            <th scope="col" className="opt">{t('tips.ev.route')}</th>
            {CLASSES.map(([k, label]) => (
              <th scope="col" className={OPTIONAL.has(k) ? 'num opt' : 'num'} key={k}>{t(label)}</th>
            ))}
            <th scope="col" className="opt">{t('prices.table.since')}</th>
            <th scope="col" className="num">{t('prices.table.facts')}</th>
          </tr>
        </thead>
        <tbody>
          {list.rows.map((m) => (
            <tr key={m.model} aria-selected={selected === m.model}>
              <th scope="row" title={t('prices.table.rowMore', { route: m.route, cacheWrite1h: price(m, 'cache_write_1h'), since: since(m) })}>
                <button type="button" className="link" onClick={() => onSelect(m.model)}>
                  {m.model}
                </button>
              </th>
              <td>{m.vendor ? `${m.vendor} (${m.region})` : '—'}</td>
              <td className="opt">{m.route}</td>
              {CLASSES.map(([k]) => (
                <td className={OPTIONAL.has(k) ? 'num opt' : 'num'} key={k}>
                  {price(m, k)}
                </td>
              ))}
              <td className="opt">{m.effectiveFrom.startsWith('2000-01-01') ? <span title={t('prices.table.noStart')}>—</span> : m.effectiveFrom}{m.origin === 'user' ? t('prices.table.yours') : ''}</td>
              <td className="num">{formatInteger(m.facts)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function UnpricedModels({ list, onSelect }: { list: PriceList; onSelect(model: string): void }) {
  const t = useT();
  if (list.unpriced.models.length === 0) return null;
  return (
    <p>
      {t('prices.table.unpriced')}{' '}
      {list.unpriced.models.map((m, i) => (
        <span key={`${m.model}|${m.provider}`}>
          {i > 0 && ', '}
          <button type="button" className="link" onClick={() => onSelect(m.model)}>
            {m.model}
          </button>{' '}
          <span className="muted">{t('prices.table.unpricedModel', { provider: m.provider, tokens: m.tokens })}</span>
        </span>
      ))}
    </p>
  );
}

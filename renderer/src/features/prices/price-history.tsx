/** A model's dated price history, as the book holds it (built-in, loaded source, your own prices). */
import type { TokenPriceMap } from '../../../../shared/contract/api/prices';
import { useApiData } from '../../client/use-api';
import { CLASSES } from './price-classes';
import { listSeparator } from '../../../../shared/i18n/said';
import { useLocale, useSay, useT } from '../../ui/i18n';

function priceCell(p: TokenPriceMap, k: keyof TokenPriceMap): string {
  return p[k] ?? '—';
}

export function History({ model }: { model: string }) {
  const data = useApiData((c) => c.call('prices.show', { model }), [model]);
  const t = useT();
  const say = useSay();
  const locale = useLocale();
  if (data.state === 'error') return <p role="alert" className="error">{data.error.message}</p>;
  if (!data.value) return <p aria-busy="true">{t('prices.history.loading', { model })}</p>;
  const d = data.value;
  return (
    <section aria-labelledby="history-title" className="card wide">
      <h2 id="history-title">{t('prices.history.title', { model: d.model })}</h2>
      <p className="muted">
        {d.vendor ? t('prices.history.madeBy', { vendor: d.vendor, region: d.region }) : t('prices.history.makerUnknown')}
        {d.family && d.family !== d.model ? t('prices.history.family', { family: d.family }) : ''}
        {t('prices.history.inLedger', { facts: d.ledger.facts, tokens: d.ledger.tokens, unpriced: d.ledger.unpricedFacts ?? 0 })}
      </p>
      {d.history.length === 0 ? (
        <p className="banner warn" role="status">{t('prices.history.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data" data-testid="price-history">
            <caption className="muted">{t('prices.history.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('explore.dim.model')}</th>
                <th scope="col">{t('tips.ev.route')}</th>
                <th scope="col">{t('prices.fx.from')}</th>
                <th scope="col">{t('prices.until')}</th>
                {CLASSES.map(([k, label]) => (
                  <th scope="col" className="num" key={k}>{t(label)}</th>
                ))}
                <th scope="col">{t('prices.history.origin')}</th>
              </tr>
            </thead>
            <tbody>
              {d.history.map((e, i) => (
                <tr key={i} title={t('prices.history.rowTitle', { source: e.source, checked: e.checkedOn, tiers: e.tiersSaid.map(say).join(listSeparator(locale)), hasTiers: e.tiersSaid.length ? 'yes' : 'no' })}>
                  <td>{e.model}</td>
                  <td>{e.route}</td>
                  <td>{e.effectiveFrom}</td>
                  <td>{e.effectiveTo ?? t('prices.inForce')}</td>
                  {CLASSES.map(([k]) => (
                    <td className="num" key={k}>
                      {e.withdrawn ? t('prices.history.withdrawn') : priceCell(e.prices, k)} {e.withdrawn ? '' : e.prices[k] !== undefined ? e.currency : ''}
                    </td>
                  ))}
                  <td>{e.origin === 'user' ? t('prices.history.yourPrice', { id: e.overrideId ?? '' }) : e.origin === 'source' ? t('prices.history.loadedSource') : t('prices.builtinLower')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

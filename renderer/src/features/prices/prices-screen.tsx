/**
 * Prices: search the book, a model's dated price history, add or override a price (with a preview of the
 * estimates it changes), load a LiteLLM / OpenRouter price source with a dry run and confirmation of held
 * changes; exchange rates and vendors' regions. Prices are per million tokens in their own currency.
 */
import { useState } from 'react';
import { useApp } from '../../client/store';
import { useApiData } from '../../client/use-api';
import { UnpricedBanner } from '../../ui/unpriced-banner';
import { FxRates } from './fx-rates';
import { VendorRegions } from './vendor-regions';
import '../../ui/dashboard.css';
import '../../ui/prices-reconcile.css';
import { PriceForm, tierOf } from './price-form';
import { History } from './price-history';
import { PriceTable, UnpricedModels } from './price-table';
import { SourceLoader } from './source-loader';
import { useT } from '../../ui/i18n';

/** Model ids as examples in the search field (ids, not words). */
const MODEL_EXAMPLES = 'gpt-4o, claude-sonnet-4-5, deepseek-chat…';

export function PricesScreen() {
  const [search, setSearch] = useState('');
  const [inLedger, setInLedger] = useState(true);
  const t = useT();
  // A link from an unpriced banner names the model, its route and the tier whose price is missing.
  const params = useApp((s) => s.route.params);
  const asked = params.get('model');
  const [picked, setSelected] = useState<string | null>(null);
  const selected = picked ?? asked;
  const formRoute = !picked && asked ? (params.get('route') ?? 'direct') : 'direct';
  const formTier = !picked && asked ? tierOf(params.get('tier')) : 'standard';
  const list = useApiData((c) => c.call('prices.list', { ...(search ? { search } : {}), inLedger: inLedger && !search, limit: 100 }), [search, inLedger]);
  return (
    <div className="screen prices">
      <h1>{t('app.screen.prices')}</h1>
      {list.value && <UnpricedBanner unpriced={list.value.unpriced} />}
      <section aria-labelledby="models-title" className="card wide">
        <h2 id="models-title">{t('prices.models')}</h2>
        <div className="toolbar">
          <label>
            {t('prices.search')}
            <input type="search" value={search} placeholder={MODEL_EXAMPLES} onChange={(e) => setSearch(e.target.value)} />
          </label>{' '}
          <label className="check">
            <input type="checkbox" checked={inLedger} onChange={(e) => setInLedger(e.target.checked)} /> {t('prices.onlyMine')}
          </label>
        </div>
        {list.state === 'error' && <p role="alert" className="error">{list.error.message}</p>}
        {!list.value ? (
          <p aria-busy="true">{t('prices.loadingBook')}</p>
        ) : list.value.rows.length === 0 ? (
          <p className="muted">{search ? t('prices.noMatch', { search }) : t('prices.noneInLedger')}</p>
        ) : (
          <PriceTable list={list.value} selected={selected} onSelect={setSelected} />
        )}
        {list.value && <UnpricedModels list={list.value} onSelect={setSelected} />}
      </section>
      {selected && <History key={`h-${selected}`} model={selected} />}
      {selected && <PriceForm key={`f-${selected}|${formRoute}|${formTier}`} model={selected} route={formRoute} tier={formTier} />}
      <SourceLoader />
      <FxRates />
      <VendorRegions />
    </div>
  );
}

/**
 * "N tokens on M models have no price": the same banner on every figure unpriced usage touches, counting the
 * facts Reconcile counts. Each model says why (the tier whose price is missing) and links to the Prices form
 * filled in for it.
 */
import type { UnpricedModel, UnpricedSummary } from '../../../shared/contract/api/prices';
import { routeHash } from '../client/route';
import { formatInteger } from './format';

/** The Prices screen with the form filled in for this model, route and tier. */
export function priceFormHash(m: Pick<UnpricedModel, 'model' | 'route' | 'tier'>): string {
  return routeHash('prices', { model: m.model, route: m.route, tier: m.tier });
}

export function UnpricedBanner({ unpriced, testId = 'unpriced-banner' }: { unpriced: UnpricedSummary; testId?: string }) {
  if (unpriced.models.length === 0) return null;
  const names = new Set(unpriced.models.map((m) => m.model));
  return (
    <div className="banner warn" role="status" data-testid={testId}>
      <strong>
        {formatInteger(unpriced.tokens)} tokens on {names.size} {names.size === 1 ? 'model has' : 'models have'} no price
      </strong>
      {unpriced.billedTokens > 0 && <> ({formatInteger(unpriced.billedTokens)} of them on rows that state their own cost, which stands as their spend)</>}. They are
      counted, never costed at zero:
      <ul className="reasons">
        {unpriced.models.map((m) => (
          <li key={`${m.model}|${m.provider}|${m.tier}`} data-tier={m.tier}>
            {m.reason ?? `no price for ${m.model}`} ({m.provider}, {formatInteger(m.tokens)} tokens):{' '}
            <a href={priceFormHash(m)}>add the {m.tier === 'standard' ? '' : `${m.tier} `}price</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * "N tokens on M models have no price": the same banner on every figure unpriced usage touches, counting the
 * facts Reconcile counts. Each model says why (the tier whose price is missing) and links to the Prices form
 * filled in for it.
 */
import type { UnpricedModel, UnpricedSummary } from '../../../shared/contract/api/prices';
import { routeHash } from '../client/route';
import { useSay, useT, useTRich } from './i18n';

/** The Prices screen with the form filled in for this model, route and tier. */
export function priceFormHash(m: Pick<UnpricedModel, 'model' | 'route' | 'tier'>): string {
  return routeHash('prices', { model: m.model, route: m.route, tier: m.tier });
}

export function UnpricedBanner({ unpriced, testId = 'unpriced-banner' }: { unpriced: UnpricedSummary; testId?: string }) {
  if (unpriced.models.length === 0) return null;
  const names = new Set(unpriced.models.map((m) => m.model));
  return <UnpricedBannerView unpriced={unpriced} count={names.size} testId={testId} />;
}

function UnpricedBannerView({ unpriced, count, testId }: { unpriced: UnpricedSummary; count: number; testId: string }) {
  const t = useT();
  const tRich = useTRich();
  const say = useSay();
  return (
    <div className="banner warn" role="status" data-testid={testId}>
      {tRich('app.unpriced.head', { tokens: unpriced.tokens, count, strong: (c) => <strong>{c}</strong> })}
      {unpriced.billedTokens > 0 && <> {t('app.unpriced.billed', { tokens: unpriced.billedTokens })}</>}
      {t('app.unpriced.counted')}
      <ul className="reasons">
        {unpriced.models.map((m) => (
          <li key={`${m.model}|${m.provider}|${m.tier}`} data-tier={m.tier}>
            {t('app.unpriced.model', { reason: m.reasonSaid ? say(m.reasonSaid) : t('app.unpriced.noPriceFor', { model: m.model }), provider: m.provider, tokens: m.tokens })}{' '}
            <a href={priceFormHash(m)}>{m.tier === 'standard' ? t('app.unpriced.add') : t('app.unpriced.addTier', { tier: m.tier })}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

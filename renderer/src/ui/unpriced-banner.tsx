/** "N tokens on M models have no price": the same banner on every figure unpriced usage touches. */
import type { UnpricedSummary } from '../../../shared/contract/api/prices';
import { formatInteger } from './format';

export function UnpricedBanner({ unpriced, testId = 'unpriced-banner' }: { unpriced: UnpricedSummary; testId?: string }) {
  if (unpriced.models.length === 0) return null;
  const names = [...new Set(unpriced.models.map((m) => m.model))];
  return (
    <div className="banner warn" role="status" data-testid={testId}>
      <strong>
        {formatInteger(unpriced.tokens)} tokens on {names.length} {names.length === 1 ? 'model has' : 'models have'} no price
      </strong>
      : {names.join(', ')}. They are counted, never costed at zero: add a price on the Prices screen.
    </div>
  );
}

/** Handlers of the prices, fx and vendors nouns (shared/contract/api/prices.ts, fx.ts, vendors.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from '../context';
import { mutates } from '../hooks';
import { fxRows, importFxCsv, setFx, unsetFx } from './fx';
import { recomputeAll, setPrice, unsetPrice } from './overrides';
import { listPrices, showPrice } from './service';
import { loadSource, sourcesInfo } from './sources';
import { setRegion, vendorRows } from './vendors';

const applied = (out: { applied: boolean }) => out.applied;

export const pricingHandlers = {
  'prices.list': (input, ctx) => listPrices(ctx.db, input, ctx.now()),
  'prices.show': (input, ctx) => showPrice(ctx.db, input.model),
  'prices.set': mutates('prices', (input, ctx) => setPrice(ctx, input), applied),
  'prices.unset': mutates('prices', (input, ctx) => unsetPrice(ctx, input), applied),
  'prices.loadSource': mutates('prices', (input, ctx) => loadSource(ctx, input), applied),
  'prices.sources': (_input, ctx) => sourcesInfo(ctx.db),
  'prices.recompute': mutates('prices', (input, ctx) => recomputeAll(ctx, input.dryRun), (out) => out.applied && out.changed > 0),
  'fx.list': (input, ctx) => fxRows(ctx.db, input.currency),
  'fx.set': mutates('fx', (input, ctx) => setFx(ctx, input)),
  'fx.unset': mutates('fx', (input, ctx) => unsetFx(ctx, input)),
  'fx.importCsv': mutates('fx', (input, ctx) => importFxCsv(ctx, input), applied),
  'vendors.list': (_input, ctx) => vendorRows(ctx.db),
  'vendors.setRegion': mutates('vendors', (input, ctx) => setRegion(ctx, input)),
} satisfies Partial<ApiHandlers<EngineContext>>;

/** Handlers of the prices, FX, vendors and reconcile methods (shared/contract/api/prices.ts). */
import type { ApiHandlers } from '../../../shared/contract/client';
import type { EngineContext } from './context';
import { reconcileReport } from './reconcile';
import {
  fxRows,
  importFxCsv,
  listPrices,
  loadSource,
  recomputeAll,
  setFx,
  setPrice,
  setRegion,
  showPrice,
  sourcesInfo,
  unsetFx,
  unsetPrice,
  vendorRows,
} from './prices-service';

export const pricesHandlers = {
  'prices.list': (input, ctx) => listPrices(ctx.db, input, ctx.now()),
  'prices.show': (input, ctx) => showPrice(ctx.db, input.model),
  'prices.set': (input, ctx) => setPrice(ctx, input),
  'prices.unset': (input, ctx) => unsetPrice(ctx, input),
  'prices.loadSource': (input, ctx) => loadSource(ctx, input),
  'prices.sources': (_input, ctx) => sourcesInfo(ctx.db),
  'prices.recompute': (input, ctx) => recomputeAll(ctx, input.dryRun),
  'fx.list': (input, ctx) => fxRows(ctx.db, input.currency),
  'fx.set': (input, ctx) => setFx(ctx, input),
  'fx.unset': (input, ctx) => unsetFx(ctx, input),
  'fx.importCsv': (input, ctx) => importFxCsv(ctx, input),
  'vendors.list': (_input, ctx) => vendorRows(ctx.db),
  'vendors.setRegion': (input, ctx) => setRegion(ctx, input),
  'reconcile.report': (input, ctx) => reconcileReport(ctx.db, input),
} satisfies Partial<ApiHandlers<EngineContext>>;

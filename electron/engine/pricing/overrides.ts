/**
 * The user's prices: an override or a custom model with its own dates (a dry run says which estimates
 * change; otherwise it is stored and the ledger re-priced in one transaction), deleting one, and
 * re-pricing the whole ledger with the current book.
 */
import type { PriceChangeResult } from '../../../shared/contract/api/prices';
import type { MethodParsedInput } from '../../../shared/contract/methods';
import { resolveModel } from '../../../shared/domain/models';
import { parseInstant } from '../../../shared/domain/pricing/price-book';
import { builtinBook, composeBook } from '../../../shared/domain/pricing/price-fact';
import { utcDay } from '../../../shared/domain/time';
import type { EngineContext } from '../context';
import { saidError } from '../said-error';
import { transaction } from '../ledger/db';
import { priceBookFor } from './book';
import { planRecompute, scopeFor, writeRecompute } from './recompute';
import { deleteOverride, getOverride, insertOverride, overridesForBook, sourceEntries } from './store';

export function setPrice(ctx: EngineContext, input: MethodParsedInput<'prices.set'>): PriceChangeResult {
  const r = resolveModel(input.model);
  const model = r?.model ?? input.model.toLowerCase();
  if (input.effectiveTo && parseInstant(input.effectiveTo) <= parseInstant(input.effectiveFrom)) {
    throw saidError('VALIDATION', 'engine.error.priceEndsBeforeStart', { to: input.effectiveTo, from: input.effectiveFrom });
  }
  // A price of one service tier is stored as that tier alone: it adds to the price in force on the route.
  const tier = input.tier === 'standard' ? undefined : input.tier;
  const override = {
    model,
    route: input.route,
    currency: input.currency,
    effectiveFrom: input.effectiveFrom,
    effectiveTo: input.effectiveTo,
    prices: tier ? {} : input.prices,
    ...(tier ? { tiers: { [tier]: { prices: input.prices } }, tier } : {}),
    withdrawn: input.withdrawn,
    note: input.note,
  };
  const overrides = overridesForBook(ctx.db);
  const book = composeBook(builtinBook(), sourceEntries(ctx.db), [
    ...overrides,
    { ...override, ...(override.effectiveTo ? {} : { effectiveTo: undefined }), createdOn: utcDay(ctx.now()) } as (typeof overrides)[number],
  ]);
  const plan = planRecompute(ctx.db, book, scopeFor([model]));
  if (input.dryRun) return { applied: false, overrideId: null, recompute: plan.preview };
  const id = transaction(ctx.db, () => {
    const newId = insertOverride(ctx.db, override, ctx.now());
    writeRecompute(ctx.db, plan);
    return newId;
  });
  return { applied: true, overrideId: id, recompute: plan.preview };
}

export function unsetPrice(ctx: EngineContext, input: MethodParsedInput<'prices.unset'>): PriceChangeResult {
  const o = getOverride(ctx.db, input.id);
  if (!o) throw saidError('NOT_FOUND', 'engine.error.noPriceOverride', { id: input.id });
  const book = composeBook(
    builtinBook(),
    sourceEntries(ctx.db),
    overridesForBook(ctx.db).filter((x) => x.id !== String(input.id)),
  );
  const plan = planRecompute(ctx.db, book, scopeFor([o.model]));
  if (input.dryRun) return { applied: false, overrideId: o.id, recompute: plan.preview };
  transaction(ctx.db, () => {
    deleteOverride(ctx.db, input.id);
    writeRecompute(ctx.db, plan);
  });
  return { applied: true, overrideId: o.id, recompute: plan.preview };
}

export function recomputeAll(ctx: EngineContext, dryRun: boolean) {
  const plan = planRecompute(ctx.db, priceBookFor(ctx.db));
  if (!dryRun && plan.updates.length) {
    transaction(ctx.db, () => writeRecompute(ctx.db, plan));
    }
  return { ...plan.preview, applied: !dryRun };
}

/**
 * Re-pricing stored facts when the book changes (an override, a loaded source, a vendor edit): a
 * preview first (facts whose estimate changes, money before/after per model and currency), then the
 * same plan applied in one transaction. Billed amounts are never touched; estimates stay in the
 * currency of the price that applies.
 */
import type { PriceBook } from '../../../shared/domain/pricing/price-book';
import { formatAmount } from '../../../shared/domain/money';
import { familyOf } from '../../../shared/domain/models';
import type { RecomputeModelChange, RecomputePreview } from '../../../shared/contract/api/prices';
import type { ReadableDb, WritableDb } from '../ledger/db';
import { LEDGER_MAX, moneyCarried } from '../ledger/capacity';
import { saidError } from '../said-error';
import { usageFactsToPrice, writeEstimates, type PricedFactRow } from './facts-store';
import { priceFact, pricingInputOfRow } from '../../../shared/domain/pricing/price-fact';

export interface RecomputeScope {
  /** Only facts whose model or model family is one of these (a model's change reaches its dated snapshots). */
  models?: readonly string[] | undefined;
}

/** Facts a change of these models' prices can reach: the models and their dated snapshots (by family). */
export function scopeFor(models: readonly string[]): RecomputeScope {
  const ids = [...new Set(models.flatMap((m) => [m, familyOf(m)]))];
  return ids.length > 500 ? {} : { models: ids };
}

export interface RecomputePlan {
  updates: Array<{ id: number; nano: bigint | null; currency: string | null; status: string }>;
  days: string[];
  preview: RecomputePreview;
}

const n = (v: bigint) => Number(v);
const abs = (v: bigint) => (v < 0n ? -v : v);

/** Per currency, a fact's largest absolute amount with this estimate: what it adds to what the ledger carries. */
function carriedBy(r: PricedFactRow, estimate: { nano: bigint | null; currency: string | null }): Map<string, bigint> {
  const out = new Map<string, bigint>();
  const legs: [bigint | null, string | null][] = [[r.billed_nano, r.billed_currency], [r.recorded_nano, r.recorded_currency], [estimate.nano, estimate.currency]];
  for (const [nano, cur] of legs) if (nano !== null && cur !== null && abs(nano) > (out.get(cur) ?? -1n)) out.set(cur, abs(nano));
  return out;
}

/**
 * New estimates that would bring a currency past what the ledger can sum (ledger/capacity.ts) are
 * refused as an import's would be: nothing is written, and the error names the currency and models.
 */
class CapacityCheck {
  private readonly growth = new Map<string, { nano: bigint; models: Set<string> }>();

  add(r: PricedFactRow, model: string, newNano: bigint | null, newCur: string | null): void {
    const before = carriedBy(r, { nano: r.estimated_nano, currency: r.estimated_currency });
    const after = carriedBy(r, { nano: newNano, currency: newCur });
    for (const cur of new Set([...before.keys(), ...after.keys()])) {
      const d = (after.get(cur) ?? 0n) - (before.get(cur) ?? 0n);
      if (d === 0n) continue;
      const g = this.growth.get(cur) ?? { nano: 0n, models: new Set<string>() };
      g.nano += d;
      if (d > 0n) g.models.add(model);
      this.growth.set(cur, g);
    }
  }

  check(db: ReadableDb): void {
    const growing = [...this.growth].filter(([, g]) => g.nano > 0n);
    if (growing.length === 0) return;
    const held = moneyCarried(db);
    for (const [cur, g] of growing.sort(([a], [b]) => a.localeCompare(b))) {
      const now = held.get(cur) ?? 0n;
      if (now + g.nano <= LEDGER_MAX) continue;
      const models = [...g.models].sort();
      throw saidError('VALIDATION', 'engine.error.repriceOverflow', {
        currency: cur,
        models: models.slice(0, 3).join(', '),
        more: Math.max(0, models.length - 3),
        adds: formatAmount(g.nano),
        held: formatAmount(now),
        max: formatAmount(LEDGER_MAX),
      });
    }
  }
}

/** What a new book would change: nothing is written. */
export function planRecompute(db: ReadableDb, book: PriceBook, scope: RecomputeScope = {}): RecomputePlan {
  const updates: RecomputePlan['updates'] = [];
  const days = new Set<string>();
  const byModel = new Map<string, { model: string; currency: string; facts: number; before: bigint; after: bigint; nowPriced: number; nowUnpriced: number }>();
  const bucket = (model: string, currency: string) => {
    const k = `${model}\u0000${currency}`;
    let b = byModel.get(k);
    if (!b) byModel.set(k, (b = { model, currency, facts: 0, before: 0n, after: 0n, nowPriced: 0, nowUnpriced: 0 }));
    return b;
  };
  const capacity = new CapacityCheck();
  let examined = 0;
  for (const r of usageFactsToPrice(db, scope.models)) {
    examined++;
    const a = priceFact(pricingInputOfRow(r), book);
    const newNano = a.estimated?.nano ?? null;
    const newCur = a.estimated?.currency ?? null;
    if (newNano === r.estimated_nano && newCur === r.estimated_currency && a.priceStatus === r.price_status) continue;
    updates.push({ id: n(r.id), nano: newNano, currency: newCur, status: a.priceStatus });
    days.add(r.day);
    const model = r.model ?? r.model_raw ?? '(no model)';
    capacity.add(r, model, newNano, newCur);
    // The fact counts once, under its new currency (else its old one); money moves between buckets when the currency changes.
    bucket(model, newCur ?? r.estimated_currency ?? '').facts++;
    if (r.estimated_nano !== null && r.estimated_currency !== null) bucket(model, r.estimated_currency).before += r.estimated_nano;
    if (newNano !== null && newCur !== null) bucket(model, newCur).after += newNano;
    if (r.price_status === 'unpriced' && a.priceStatus === 'priced') bucket(model, newCur ?? '').nowPriced++;
    if (r.price_status === 'priced' && a.priceStatus === 'unpriced') bucket(model, r.estimated_currency ?? '').nowUnpriced++;
  }
  capacity.check(db);
  const models: RecomputeModelChange[] = [...byModel.values()]
    .sort((x, y) => x.model.localeCompare(y.model) || x.currency.localeCompare(y.currency))
    .map((b) => ({
      model: b.model,
      currency: b.currency || null,
      facts: b.facts,
      before: b.currency ? formatAmount(b.before) : null,
      after: b.currency ? formatAmount(b.after) : null,
      delta: b.currency ? formatAmount(b.after - b.before) : null,
      nowPriced: b.nowPriced,
      nowUnpriced: b.nowUnpriced,
    }));
  const sortedDays = [...days].sort();
  return { updates, days: sortedDays, preview: { examined, changed: updates.length, days: sortedDays, models } };
}

/** Write a plan and refresh the derived rows of the days it changed; call inside a transaction. */
export function writeRecompute(db: WritableDb, plan: RecomputePlan): void {
  writeEstimates(db, plan.updates, plan.days);
}

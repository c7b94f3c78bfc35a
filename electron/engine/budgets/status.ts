/**
 * A budget's status as the engine answers it: read what the status needs from the ledger, once (the
 * periods' amounts from the budget's cache or the facts, how far the data reaches, the alerts already
 * fired, unpriced usage, the token mix a known price change would reprice), then compute it with the
 * pure shared/domain/budgets/status.ts.
 */
import type { BudgetDefinition, BudgetScope } from '../../../shared/domain/budgets/budget';
import { expandValues } from '../../../shared/domain/names';
import {
  asOfInstant,
  computeStatus,
  mixDays,
  priceChangeAhead,
  priceChangesAhead,
  statusFrame,
  type Computed,
  type StatusFrame,
} from '../../../shared/domain/budgets/status';
import type { PriceChange } from '../../../shared/domain/budgets/forecast';
import type { FxTable } from '../../../shared/domain/fx';
import type { PriceBook } from '../../../shared/domain/pricing/price-book';
import type { ReadableDb } from '../ledger/db';
import { latestFactEnd } from '../ledger/ledger-days';
import { priceBookFor } from '../pricing/book';
import { loadFxTable } from '../pricing/fx-store';
import { nameGroupsOf } from '../names/store';
import { firedFor } from './alerts-store';
import { cachedAmounts, rawAmounts, unpricedFrom, type Amounts, type SeriesSource } from './amounts';
import { firstUsageInScope, latestUsageEnd, modelMix, periodRange, unpricedInScope } from './usage-store';

export type { Computed, SeriesSource };

export interface StatusOptions {
  id: number | null;
  createdAt: number;
  now: number;
  withHistory?: boolean;
  /** Read once by a caller computing several budgets. */
  fx?: FxTable;
  book?: PriceBook;
  /** Default: the budget's cache when it has an id (read-only unless `store` is given), else the raw facts. */
  source?: SeriesSource;
}

/** Known price changes ahead; price changes are optional input: a book that cannot be read leaves the run rate as it is. */
function priceChangesFor(db: ReadableDb, def: BudgetDefinition, frame: StatusFrame, opts: StatusOptions, latest: number | null): PriceChange[] {
  try {
    const book = opts.book ?? priceBookFor(db);
    const { asOf } = asOfInstant(def, frame.period, opts.now, latest);
    // No entry of the book takes effect in the rest of the period: whatever the mix, nothing moves the run rate.
    if (!priceChangeAhead(def, book, asOf, frame.period)) return [];
    return priceChangesAhead(def, book, modelMix(db, def.scope, mixDays(asOf)), asOf, frame.period);
  } catch {
    return [];
  }
}

/**
 * The scope's projects, keys and members as the ids they stand for: a display name (or an id that has
 * one) is every id that shows as that name (shared/domain/names.ts), so a budget of a project counts
 * exactly what the report's row of that project counts. The budget's cache keys on this resolved scope, so
 * naming another id alike recomputes it.
 */
export function scopeIds(db: ReadableDb, scope: BudgetScope): BudgetScope {
  const groupsOf = nameGroupsOf(db, ['project', 'api_key', 'member']);
  return { ...scope, projects: expandValues(groupsOf('project')!, scope.projects), apiKeys: expandValues(groupsOf('api_key')!, scope.apiKeys), members: expandValues(groupsOf('member')!, scope.members) };
}

export function computeBudgetStatus(db: ReadableDb, asked: BudgetDefinition, opts: StatusOptions): Computed {
  const def = { ...asked, scope: scopeIds(db, asked.scope) };
  const withHistory = opts.withHistory === true;
  const frame = statusFrame(def, { createdAt: opts.createdAt, now: opts.now, withHistory, firstUsage: withHistory ? firstUsageInScope(db, def.scope) : null });
  const src: SeriesSource = opts.source ?? (opts.id !== null ? { kind: 'cache', budgetId: opts.id } : { kind: 'raw' });
  const amounts: Amounts =
    src.kind === 'cache' ? cachedAmounts(db, def, src, frame.from, frame.period.end) : src.kind === 'given' ? src.read(def, frame.from, frame.period.end) : rawAmounts(db, def, frame.from, frame.period.end);
  const latest = src.kind === 'raw' ? latestUsageEnd(db) : latestFactEnd(db);
  const money = def.amount.unit === 'money';
  const unpriced = !money
    ? { facts: 0, tokens: 0, models: [] }
    : src.kind === 'raw'
      ? unpricedInScope(db, def.scope, periodRange(frame.period.start, frame.period.end, def.period.timeZone))
      : unpricedFrom(amounts, frame.period.firstDay, frame.period.lastDay);
  return computeStatus(asked, {
    id: opts.id,
    createdAt: opts.createdAt,
    now: opts.now,
    frame,
    native: amounts.native,
    fx: opts.fx ?? loadFxTable(db),
    latestFactEnd: latest,
    priceChanges: () => priceChangesFor(db, def, frame, opts, latest),
    fired: opts.id !== null ? firedFor(db, opts.id, frame.period.key) : [],
    unpriced,
    withHistory,
  });
}

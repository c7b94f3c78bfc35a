/**
 * Prices: the price book as the user sees it (search, a model's history), overrides and custom models,
 * loading a price source with a dry run, re-pricing the ledger. Prices are decimal strings PER MILLION
 * tokens in their own currency.
 */
import { z } from 'zod';
import type { ServiceTier } from '../../domain/fact';
import { isSaneDay, SANE_DATES } from '../../domain/time';
import type { Said } from '../../i18n/said';
import { method } from '../define';
import { currencyCode as currency, decimal, fileSource, id, isoDay, oneFile } from '../schemas';

const INSTANT_FORM = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\.\d+)?Z)?$/;
const instant = z
  .string()
  .regex(INSTANT_FORM, 'expected YYYY-MM-DD or an ISO instant in UTC')
  .refine((s) => !INSTANT_FORM.test(s) || isSaneDay(s.slice(0, 10)), `expected a real date ${SANE_DATES}`);
const tokenPrices = z
  .object({
    input: decimal.optional(),
    cache_read: decimal.optional(),
    cache_write_5m: decimal.optional(),
    cache_write_1h: decimal.optional(),
    output: decimal.optional(),
    reasoning: decimal.optional(),
  })
  .strict();

export type TokenPriceMap = z.infer<typeof tokenPrices>;

/** Where a price comes from: the built-in book, a loaded price source, or the user. */
export type PriceOrigin = 'builtin' | 'source' | 'user';

/** One row of the price list: a model's price in force today on its main route. */
export interface PriceModelRow {
  model: string;
  vendor: string | null;
  region: string | null;
  route: string;
  currency: string;
  prices: TokenPriceMap;
  effectiveFrom: string;
  origin: PriceOrigin;
  /** Other routes / currencies the book has for the model. */
  routes: number;
  /** Facts of this model in the ledger (0 when none). */
  facts: number;
}

export interface UnpricedModel {
  model: string;
  provider: string;
  /** The service tier of these facts ('standard', 'flex', 'priority', 'batch'): the price that is missing. */
  tier: ServiceTier;
  /** The book route the facts are priced on ('direct', 'azure-global', 'openrouter:chutes'...). */
  route: string;
  tokens: number;
  /** Of `tokens`, those on rows that state their own cost: that cost stands as their spend. */
  billedTokens: number;
  facts: number;
  /** Why the book has no price (first reason met), e.g. "no flex price for gpt-4o-mini-2024-07-18". */
  reason: string | null;
  /** The same reason as a message of the engine catalog, for the user's language. */
  reasonSaid: Said | null;
}

/**
 * "N tokens on M models have no price": usage whose tokens count and that the book cannot price, whether or
 * not the row states its own cost (`billedTokens` of them do). The same figure on every screen and in
 * Reconcile (the sum of its lines' unpriced tokens).
 */
export interface UnpricedSummary {
  tokens: number;
  billedTokens: number;
  models: UnpricedModel[];
}

export interface PriceList {
  rows: PriceModelRow[];
  /** Rows matching before the limit. */
  total: number;
  unpriced: UnpricedSummary;
}

/** One dated price of a model: in force from `effectiveFrom` until `effectiveTo` (null: still in force). */
export interface PriceHistoryEntry {
  /** The model id the entry is for: the model itself or its family (undated id) it falls back to. */
  model: string;
  route: string;
  currency: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  prices: TokenPriceMap;
  /** The entry's tiers in English (for scripts); `tiersSaid` says them in the reader's language. */
  tiers: string[];
  tiersSaid: Said[];
  origin: PriceOrigin;
  withdrawn: boolean;
  source: string;
  checkedOn: string;
  /** Set on the user's overrides: the id to delete it by. */
  overrideId: number | null;
}

export interface PriceDetail {
  model: string;
  vendor: string | null;
  family: string | null;
  region: string | null;
  history: PriceHistoryEntry[];
  ledger: { facts: number; tokens: number; unpricedFacts: number };
}

/** Re-pricing the ledger: estimates that change, per model and currency. */
export interface RecomputeModelChange {
  model: string;
  /** Null for facts that stay unpriced. */
  currency: string | null;
  facts: number;
  before: string | null;
  after: string | null;
  delta: string | null;
  nowPriced: number;
  nowUnpriced: number;
}

export interface RecomputePreview {
  /** Usage facts looked at. */
  examined: number;
  /** Facts whose estimate or price status changes. */
  changed: number;
  days: string[];
  models: RecomputeModelChange[];
}

export interface PriceChangeResult {
  /** False on a dry run: nothing was written. */
  applied: boolean;
  overrideId: number | null;
  recompute: RecomputePreview;
}

/** A change a price source proposes for one (model, route, currency). */
export interface SourceChange {
  key: string;
  model: string;
  route: string;
  currency: string;
  kind: 'added' | 'changed';
  /** Per token class: [old, new] per million (null when absent). */
  fields: Record<string, [string | null, string | null]>;
  held: boolean;
  heldReason: string | null;
  /** The same reason as a message of the engine catalog, for the user's language. */
  heldSaid: Said | null;
  /** Whether this change is (dry run: would be) written. */
  applies: boolean;
}

export interface SourceLoadResult {
  kind: 'litellm' | 'openrouter';
  file: string;
  sha256: string;
  effectiveFrom: string;
  applied: boolean;
  sourceId: number | null;
  added: number;
  changed: number;
  held: number;
  heldAccepted: number;
  /** Model ids the source prices whose maker the catalog cannot tell (left out). */
  unresolved: string[];
  changes: SourceChange[];
  recompute: RecomputePreview;
}

export interface PriceSourceInfo {
  id: number;
  kind: 'litellm' | 'openrouter';
  file: string;
  sha256: string;
  effectiveFrom: string;
  checkedOn: string;
  loadedAt: string;
  entries: number;
  heldAccepted: number;
  heldSkipped: number;
  status: 'applied' | 'removed';
}

export const pricesApi = {
  /** Models of the price book (price in force today on the main route), searchable; plus the ledger's unpriced models. */
  'prices.list': method<PriceList>()(
    z
      .object({
        search: z.string().max(200).optional(),
        inLedger: z.boolean().optional(),
        limit: z.number().int().min(1).max(5000).default(200),
      })
      .strict(),
    "Search the price book's models.",
  ),
  /** A model's price history on every route and currency (built-in, loaded sources, the user's overrides). */
  'prices.show': method<PriceDetail>()(z.object({ model: z.string().min(1).max(300) }).strict(), "A model's price history."),
  /**
   * Add an override or a custom model with its own dates. With `dryRun` nothing is written and the answer
   * says which estimates would change; otherwise the price is stored and the ledger re-priced in one transaction.
   */
  'prices.set': method<PriceChangeResult>()(
    z
      .object({
        model: z.string().trim().min(1).max(300),
        route: z.string().min(1).max(100).default('direct'),
        currency,
        effectiveFrom: instant,
        effectiveTo: instant.optional(),
        prices: tokenPrices,
        /** The service tier these prices are for: 'standard' (the default) or one tier only, added to the price in force. */
        tier: z.enum(['standard', 'batch', 'priority', 'flex']).default('standard'),
        withdrawn: z.boolean().optional(),
        note: z.string().max(500).optional(),
        dryRun: z.boolean().default(false),
      })
      .strict()
      .refine((v) => v.withdrawn === true || Object.keys(v.prices).length > 0, { message: 'give at least one price', path: ['prices'] })
      .refine((v) => !(v.withdrawn && v.tier !== 'standard'), { message: 'a withdrawal is for the whole model, not one tier', path: ['tier'] }),
    'Add or override a price.',
  ),
  /** Delete one of the user's overrides (dry run: what would change). */
  'prices.unset': method<PriceChangeResult>()(
    z.object({ id, dryRun: z.boolean().default(false) }).strict(),
    'Delete a price override.',
  ),
  /**
   * Load a LiteLLM model_prices_and_context_window.json or an OpenRouter /api/v1/models JSON. A dry run says
   * what changes for which models; a price 100x away from the one it replaces is held until accepted by key.
   */
  'prices.loadSource': method<SourceLoadResult>()(
    z
      .object({
        ...fileSource,
        kind: z.enum(['litellm', 'openrouter']).optional(),
        effectiveFrom: isoDay.optional(),
        checkedOn: isoDay.optional(),
        dryRun: z.boolean().default(true),
        acceptHeld: z.union([z.literal('all'), z.array(z.string())]).optional(),
      })
      .strict()
      .refine(oneFile, 'give exactly one of path or file'),
    'Load a price source (dry run first).',
  ),
  /** Loaded price sources, newest first. */
  'prices.sources': method<PriceSourceInfo[]>()(z.object({}).strict(), 'Loaded price sources.'),
  /** Re-price every usage fact with the current book (dry run: the preview). */
  'prices.recompute': method<RecomputePreview & { applied: boolean }>()(
    z.object({ dryRun: z.boolean().default(true) }).strict(),
    'Re-price the ledger with the current book.',
  ),
} as const;

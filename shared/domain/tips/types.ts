/**
 * Efficiency tips: the shapes every rule shares.
 *
 * A rule reads a prepared, aggregated view of the period's ledger (`TipInput`: one `TipCell` per
 * provider x model x route x tier x project x key x member, split by UTC day) plus the price book, and
 * proposes `Candidate`s. A candidate with a saving carries a `transform` of the cells it names (a what-if:
 * another model, route, tier, hour or token mix); the engine (engine.ts) prices before and after with the
 * book, alone and in combination, so no rule does its own money arithmetic twice.
 */
import type { Region, ServiceTier, TokenCounts } from '../fact';
import type { PriceBook } from '../pricing/price-book';
import type { DisplayNames } from '../names';
import type { Said } from '../../i18n/said';

export const TIP_RULES = [
  'price-change',
  'right-sizing',
  'deployment',
  'caching',
  'prompt-bloat',
  'reasoning-share',
  'batch',
  'off-peak',
  'region-mix',
] as const;
/** The fixed order in which savings combine (see engine.ts "Overlaps"). */
export type TipRuleId = (typeof TIP_RULES)[number];

/** One UTC day of one cell: what the price book prices at the price in force that day. */
export interface CellSlice {
  day: string;
  /** Earliest start (epoch ms) of the slice's facts: the instant whose price applies. */
  start: number;
  /** Latest end of the slice's facts. */
  end: number;
  tokens: TokenCounts;
  requests: number;
  /** True when every fact of the slice is a request or an hour bucket (its time of day is known). */
  timed: boolean;
}

export interface TipCell {
  /** Stable aggregate key: `provider|model|route|tier|project|key|member|currency`. */
  key: string;
  provider: string;
  model: string | null;
  modelRaw: string | null;
  vendor: string | null;
  originRegion: Region | null;
  host: string | null;
  inferenceGeo: string | null;
  /** The price-book route (direct, bedrock-geo, azure-datazone, openrouter:<host>...). */
  route: string;
  serviceTier: ServiceTier;
  contextTier: string | null;
  project: string | null;
  apiKey: string | null;
  member: string | null;
  /** Currency the cell is billed in (its own bill rows), else null (the book's USD list). */
  currency: string | null;
  tokens: TokenCounts;
  requests: number;
  /** Money the cell's own rows state, in `currency`; null when they state none. */
  billedNano: bigint | null;
  factIds: number[];
  factCount: number;
  slices: CellSlice[];
  /** Tokens (all classes but reasoning) of timed facts by UTC hour 0..23. */
  hourTokens: number[];
  /** The ledger's display names, for the texts that name the cell's project, key or member. */
  names?: DisplayNames;
}

export interface PeriodInfo {
  /** 'YYYY-MM' */
  id: string;
  /** Epoch ms, inclusive. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
}

/** Spend and tokens per origin region and currency over one period (rule 9). */
export interface RegionTotals {
  region: Region | 'unknown';
  currency: string;
  spendNano: bigint;
  tokens: number;
}

export interface TipInput {
  period: PeriodInfo;
  previous: PeriodInfo;
  cells: TipCell[];
  previousCells: TipCell[];
  regions: RegionTotals[];
  previousRegions: RegionTotals[];
  /** Distinct UTC days with usage in the previous period (a one-day month is no baseline for a mix). */
  previousDays: number;
  book: PriceBook;
}

/** A priced piece of a cell's what-if: model, route, tier and time with its tokens. */
export interface Part {
  model: string;
  route: string;
  tier: ServiceTier;
  contextTier: string | null;
  start: number;
  end: number;
  tokens: TokenCounts;
  requests: number;
  /** A rational multiplier on the priced cost (OpenRouter host price index), [numerator, denominator]. */
  factor?: readonly [bigint, bigint];
}

export interface AggregateEvidence {
  /** An aggregate key (cell key, `key:<api key>`, `region:CN`...). */
  key: string;
  label: string;
  /** `label` as a message, for the reader's language. */
  said: Said;
  values: Record<string, string>;
}

export interface Candidate {
  /** Stable across recomputations of the same period: `<rule>:<subject>`. */
  id: string;
  rule: TipRuleId;
  /** What the user reads, as message ids and typed values (shared/i18n/<locale>/engine.json). */
  title: Said;
  summary: Said;
  /** Cells this tip acts on (their facts are the evidence). */
  cellKeys: string[];
  /** The what-if for one cell; null leaves the cell as it is. */
  transform?: (cell: TipCell, parts: Part[]) => Part[] | null;
  aggregates: AggregateEvidence[];
  /** Rule-specific arithmetic, in words and numbers, as messages (said in the reader's language). */
  arithmetic: Said[];
  assumptions: Said[];
  /** Money a change costs you (price rise), not a saving; per currency in nano. */
  impact?: Map<string, bigint>;
}

export interface TipRule {
  id: TipRuleId;
  title: string;
  detect(input: TipInput): Candidate[];
}

/**
 * The ledger's unit: one normalized row of one export.
 *
 * Token classes are disjoint and add up to the tokens billed, except `reasoning`, which is a
 * SUBSET of `output` (never add it to output). `input` is UNCACHED input: importers of formats that
 * count cached tokens inside prompt tokens (OpenAI, OpenRouter) subtract them.
 */
import type { CurrencyCode } from './money';

export const TOKEN_CLASSES = ['input', 'cache_read', 'cache_write_5m', 'cache_write_1h', 'output', 'reasoning'] as const;
export type TokenClass = (typeof TOKEN_CLASSES)[number];
export type TokenCounts = Record<TokenClass, number>;

export const GRANULARITIES = ['request', 'hour', 'day', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

export const REGIONS = ['US', 'CN', 'EU', 'other'] as const;
export type Region = (typeof REGIONS)[number];

export const SERVICE_TIERS = ['standard', 'batch', 'priority', 'flex'] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];

/**
 * What a row is: `usage` (tokens, maybe with its own cost), `cost` (a bill line with money and no
 * tokens), `credit` (negative money), `tax`, `fee` (other non-token charges).
 */
export const LINE_TYPES = ['usage', 'cost', 'credit', 'tax', 'fee'] as const;
export type LineType = (typeof LINE_TYPES)[number];

export function emptyTokens(): TokenCounts {
  return { input: 0, cache_read: 0, cache_write_5m: 0, cache_write_1h: 0, output: 0, reasoning: 0 };
}

/** Tokens billed: every class except reasoning, which is inside output. */
export function totalTokens(t: TokenCounts): number {
  return t.input + t.cache_read + t.cache_write_5m + t.cache_write_1h + t.output;
}

/**
 * What an importer produces for one row, before the pipeline resolves the model (catalog),
 * prices it (price book) and classifies it against the ledger.
 */
export interface FactDraft {
  /** Natural identity within its format family: generation id, line-item id, or the bucket tuple. */
  identity: string;
  /** UTC instants, epoch milliseconds; `end` is exclusive. */
  start: number;
  end: number;
  granularity: Granularity;
  /** Who billed it: 'openai', 'anthropic', 'openrouter', 'aws-bedrock', 'azure-openai', 'gcp-vertex', ... */
  provider: string;
  account: string | null;
  project: string | null;
  apiKey: string | null;
  member: string | null;
  tags: Record<string, string> | null;
  /** The model as the export wrote it; the pipeline derives the canonical id, vendor and origin region. */
  modelRaw: string | null;
  /** Who served it when the export says (OpenRouter provider_name, 'aws-bedrock'...). */
  host: string | null;
  /** Cloud region / data zone when the export says ('us-east-1', 'global', 'data-zone-eu'). */
  inferenceGeo: string | null;
  serviceTier: ServiceTier;
  /** e.g. '>200k' for long-context pricing, null when standard. */
  contextTier: string | null;
  lineType: LineType;
  tokens: TokenCounts;
  requests: number;
  /** Other billable units (web searches, ...), by unit name. */
  otherUnits: Record<string, number> | null;
  /** Money the export states for this row, in its native currency. */
  billed: { nano: bigint; currency: CurrencyCode } | null;
  /**
   * A cost the tool computed itself (an agent's or gateway's own estimate: opencode, Roo Code, Cursor's
   * usage export), never a bill: kept beside `billed` and the price book's estimate, never summed with them.
   */
  recorded?: { nano: bigint; currency: CurrencyCode } | null;
  /**
   * Whether the row says it was paid for by a subscription ('included': its money is notional, a value at
   * list price, never spend) or pay-as-you-go ('payg'); absent or null when the row does not say (the
   * user's per-tool setting decides: ledger/facts.ts NOTIONAL).
   */
  plan?: UsagePlan | null;
}

/** How usage is paid: included in a subscription (notional) or pay-as-you-go (spend). */
export type UsagePlan = 'included' | 'payg';

/** A FactDraft after the import's normalize step: canonical model, maker, region, estimate. */
export interface NormalizedFact extends FactDraft {
  /** 1-based line of the export where the row starts. */
  line: number;
  model: string | null;
  modelFamily: string | null;
  vendor: string | null;
  originRegion: Region | null;
  estimated: { nano: bigint; currency: string } | null;
  priceStatus: 'priced' | 'unpriced' | 'not_applicable';
  recorded: { nano: bigint; currency: CurrencyCode } | null;
  /** The provider whose bill covers this usage (billing.ts): the fact's own, or the one a tool's log called. */
  billedBy: string;
  plan: UsagePlan | null;
}

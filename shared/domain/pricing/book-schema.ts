/**
 * The price book's data: entries (effective-dated prices per model, route and currency, with tiers), uplift
 * rules, the book, and the user's overrides merged into it. Prices are decimal strings per million tokens.
 */
import { z } from 'zod';
import type { TokenClass } from '../fact';

export const PRICED_CLASSES = ['input', 'cache_read', 'cache_write_5m', 'cache_write_1h', 'output', 'reasoning'] as const;
const decimalString = z.string().regex(/^\d+(\.\d+)?$/, 'a non-negative decimal string');
export const tokenPricesSchema = z.partialRecord(z.enum(PRICED_CLASSES), decimalString);
export type TokenPrices = Partial<Record<TokenClass, string>>;

const tierPriceSchema = z.object({ multiplier: decimalString.optional(), prices: tokenPricesSchema.optional() });
export type TierPrice = z.infer<typeof tierPriceSchema>;

const lengthTierSchema = z.object({
  aboveInputTokens: z.number().int().positive(),
  prices: tokenPricesSchema,
  /** Output prices of a thinking-mode request in this band (they apply to all its output tokens). */
  thinking: tokenPricesSchema.optional(),
});

/**
 * Output-length sub-tier (GLM-4.5/4.6/Air, Doubao-Seed-1.6): a request whose prompt is at most
 * `inputUpTo` tokens and whose output is above `aboveOutputTokens` is charged these prices instead of the
 * entry's base prices. Only the base band has them (a long-context band has its own single price).
 */
const outputTierSchema = z.object({
  aboveOutputTokens: z.number().int().nonnegative(),
  inputUpTo: z.number().int().positive().optional(),
  prices: tokenPricesSchema,
});

export const priceEntrySchema = z.object({
  model: z.string().min(1),
  /** 'direct', 'bedrock', 'bedrock@<region>', 'bedrock-geo' (us.), 'bedrock-geo:<geo>', 'bedrock-global', 'bedrock-gov',
   * 'azure-global', 'azure-datazone', 'azure-regional', 'azure-ai', 'vertex', 'vertex@<region>', 'openrouter',
   * 'openrouter:<host>', 'host:<litellm provider>', 'fine-tune'. */
  route: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** 'YYYY-MM-DD' (00:00 UTC) or a full ISO instant ('2025-02-08T16:00:00Z'). */
  effectiveFrom: z.string().min(10),
  /** Only user overrides carry an end; built-in entries end where the next one starts. */
  effectiveTo: z.string().min(10).optional(),
  prices: tokenPricesSchema,
  tiers: z
    .object({
      batch: tierPriceSchema.optional(),
      priority: tierPriceSchema.optional(),
      flex: tierPriceSchema.optional(),
      /**
       * Whole-request prices once the prompt exceeds `aboveInputTokens` (Anthropic/Gemini/OpenAI convention, and the
       * input-length bands of the Chinese vendors: Qwen, GLM, Doubao).
       */
      longContext: z.array(lengthTierSchema).optional(),
      /** Output prices of a thinking-mode request in the base band (Qwen: all its output, not only the reasoning). */
      thinking: z.object({ prices: tokenPricesSchema }).optional(),
      /** Output-length sub-tiers of the base band, see outputTierSchema. */
      outputLength: z.array(outputTierSchema).optional(),
      /** Time-of-day discount windows (UTC 'HH:MM', end exclusive, may wrap midnight). */
      offPeak: z.array(z.object({ startUtc: z.string(), endUtc: z.string(), prices: tokenPricesSchema })).optional(),
    })
    .optional(),
  /** True when the model has no price from this date (a withdrawn override). */
  withdrawn: z.boolean().optional(),
  /**
   * A user's price for one service tier only (its `tiers` hold that tier): it adds the tier to the entry in force
   * on the same route, or replaces the tier's price there, and leaves the other prices as they are.
   */
  tier: z.enum(['batch', 'priority', 'flex']).optional(),
  origin: z.enum(['builtin', 'user']).default('builtin'),
  source: z.string(),
  checkedOn: z.string(),
  evidence: z.string().optional(),
  notes: z.string().optional(),
});
export type PriceEntry = z.infer<typeof priceEntrySchema>;

/**
 * A regional surcharge applied when a route has no explicit entry (Bedrock geo +10%, Azure Data Zone +10%).
 * `route` is a route key or a prefix ending in '*' ('bedrock@*'); `base` names the routes whose price the
 * surcharge multiplies (a fallback to any other route is used as it is, never scaled twice).
 */
export const upliftRuleSchema = z.object({
  route: z.string(),
  /** Regex on the canonical model id. */
  modelPattern: z.string(),
  multiplier: decimalString,
  base: z.array(z.string()).optional(),
  source: z.string(),
});
export type UpliftRule = z.infer<typeof upliftRuleSchema>;

export const priceBookSchema = z.object({
  version: z.number(),
  generatedFrom: z.string(),
  entries: z.array(priceEntrySchema),
  upliftRules: z.array(upliftRuleSchema),
});
export type PriceBook = z.infer<typeof priceBookSchema>;

/**
 * A user's price: an override of a built-in model or a custom model, with its own dates.
 * Stored by the DB layer; merged with mergePriceOverrides().
 */
export const priceOverrideSchema = z.object({
  id: z.string().optional(),
  model: z.string().min(1),
  route: z.string().default('direct'),
  currency: z.string().regex(/^[A-Z]{3}$/),
  effectiveFrom: z.string().min(10),
  effectiveTo: z.string().min(10).optional(),
  prices: tokenPricesSchema,
  tiers: priceEntrySchema.shape.tiers,
  /** Mark the model unpriced from effectiveFrom (e.g. to stop a wrong built-in price). */
  withdrawn: z.boolean().optional(),
  tier: priceEntrySchema.shape.tier,
  note: z.string().optional(),
  createdOn: z.string().optional(),
});
export type PriceOverride = z.input<typeof priceOverrideSchema>;

/** Built-in book + user overrides. Overrides win over built-in entries while they are in force. */
export function mergePriceOverrides(book: PriceBook, overrides: readonly PriceOverride[]): PriceBook {
  const user: PriceEntry[] = overrides.map((o) => {
    const p = priceOverrideSchema.parse(o);
    return {
      model: p.model,
      route: p.route,
      currency: p.currency,
      effectiveFrom: p.effectiveFrom,
      ...(p.effectiveTo ? { effectiveTo: p.effectiveTo } : {}),
      prices: p.prices,
      ...(p.tiers ? { tiers: p.tiers } : {}),
      ...(p.withdrawn ? { withdrawn: true } : {}),
      ...(p.tier ? { tier: p.tier } : {}),
      origin: 'user' as const,
      source: `user override${p.note ? `: ${p.note}` : ''}`,
      checkedOn: p.createdOn ?? p.effectiveFrom.slice(0, 10),
    };
  });
  return { ...book, entries: [...book.entries.filter((e) => e.origin !== 'user'), ...user] };
}

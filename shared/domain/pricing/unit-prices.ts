/**
 * Prices per unit that are not tokens: a server tool billed per call. The usage names the count
 * (`other_units`), the vendor's cost export bills it as its own line; Reconcile estimates it apart from tokens.
 */

export interface UnitPrice {
  /** The ledger provider whose usage names the unit. */
  provider: string;
  /** The key in a fact's other_units. */
  unit: string;
  label: string;
  /** 'YYYY-MM-DD': first day the vendor billed the unit at this price. */
  effectiveFrom: string;
  currency: 'USD';
  /** Nano-units of `currency` per unit. */
  nanoPerUnit: bigint;
  /** How the vendor states the price. */
  stated: string;
  source: string;
}

export const UNIT_PRICES: readonly UnitPrice[] = [
  {
    provider: 'anthropic',
    unit: 'web_search',
    label: 'web search',
    effectiveFrom: '2025-05-07',
    currency: 'USD',
    nanoPerUnit: 10_000_000n,
    stated: '$10 per 1,000 searches',
    source: 'platform.claude.com/docs/en/about-claude/pricing (web search tool: $10 per 1,000 searches, plus standard token costs)',
  },
];

/** The unit price in force on `day` ('YYYY-MM-DD') for a provider's unit, or null. */
export function unitPriceAt(provider: string, unit: string, day: string): UnitPrice | null {
  let found: UnitPrice | null = null;
  for (const p of UNIT_PRICES) if (p.provider === provider && p.unit === unit && p.effectiveFrom <= day && (!found || p.effectiveFrom > found.effectiveFrom)) found = p;
  return found;
}

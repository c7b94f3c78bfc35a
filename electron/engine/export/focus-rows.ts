/**
 * FOCUS 1.2 rows from the export's cells: the mandatory columns filled per the spec's rules, then the
 * ledger's own columns (prefixed x_, after every FOCUS column, as the spec requires).
 */
import { formatAmount } from '../../../shared/domain/money';
import type { FocusCell } from './focus-cells';

/** FOCUS columns first, then the x_ columns, in the file's order. */
export const FOCUS_COLUMNS = [
  'BilledCost', 'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'BillingPeriodEnd', 'BillingPeriodStart',
  'ChargeCategory', 'ChargeClass', 'ChargeDescription', 'ChargeFrequency', 'ChargePeriodEnd', 'ChargePeriodStart',
  'ConsumedQuantity', 'ConsumedUnit', 'ContractedCost', 'EffectiveCost', 'InvoiceIssuerName', 'ListCost',
  'PricingQuantity', 'PricingUnit', 'ProviderName', 'PublisherName', 'ServiceCategory', 'ServiceName', 'ServiceSubcategory', 'SkuId',
  'x_Source', 'x_Model', 'x_VendorRegion', 'x_TokenClass', 'x_CostBasis', 'x_CostAllocation', 'x_Member', 'x_Machine',
  'x_InputTokens', 'x_CacheReadTokens', 'x_CacheWriteTokens', 'x_OutputTokens', 'x_ReasoningTokens', 'x_Requests',
] as const;
export type FocusColumn = (typeof FOCUS_COLUMNS)[number];
export type FocusRow = Record<FocusColumn, string | null>;

/** Columns holding decimal numbers (the Parquet file types them DECIMAL). */
export const DECIMAL_COLUMNS: readonly FocusColumn[] = ['BilledCost', 'ConsumedQuantity', 'ContractedCost', 'EffectiveCost', 'ListCost', 'PricingQuantity'];
/** Columns holding integer counts. */
export const INTEGER_COLUMNS: readonly FocusColumn[] = ['x_InputTokens', 'x_CacheReadTokens', 'x_CacheWriteTokens', 'x_OutputTokens', 'x_ReasoningTokens', 'x_Requests'];
/** Columns holding instants (ISO 8601, UTC). */
export const DATETIME_COLUMNS: readonly FocusColumn[] = ['BillingPeriodEnd', 'BillingPeriodStart', 'ChargePeriodEnd', 'ChargePeriodStart'];

/** The price unit of a token quantity: prices are per million tokens. */
const PER_MILLION = 1_000_000n;

const CATEGORY: Record<string, string> = { usage: 'Usage', cost: 'Usage', credit: 'Credit', tax: 'Tax', fee: 'Purchase' };

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function monthBounds(day: string): { start: string; end: string } {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  return { start: `${day.slice(0, 7)}-01T00:00:00Z`, end: `${end}T00:00:00Z` };
}

/** An exact decimal of `n / 10^scale` (no float on the way). */
function decimal(n: bigint, scale: number): string {
  const neg = n < 0n;
  const s = (neg ? -n : n).toString().padStart(scale + 1, '0');
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

export function focusRow(c: FocusCell): FocusRow {
  const category = CATEGORY[c.line_type] ?? 'Usage';
  const tokens = c.tokens;
  const cost = formatAmount(c.nano);
  const period = monthBounds(c.day);
  const account = c.account ?? c.issuer;
  const what = `${c.model ?? (c.line_type === 'usage' ? 'usage' : c.line_type)}${c.tokenClass ? ` ${c.tokenClass.replaceAll('_', ' ')} tokens` : ''}`;
  // A charge without tokens is priced per charge; tax has no pricing quantity (the spec's rule).
  const pricing = category === 'Tax' ? { q: null, u: null } : tokens > 0n ? { q: decimal(tokens, 6), u: `${PER_MILLION} Tokens` } : { q: '1', u: 'Charge' };
  // Every Usage row states what it consumed (the spec's rule): its tokens, or the one charge of a bill line without them.
  const consumed = category !== 'Usage' ? { q: null, u: null } : tokens > 0n ? { q: tokens.toString(), u: 'Tokens' } : { q: '1', u: 'Charge' };
  return {
    BilledCost: cost,
    BillingAccountId: account,
    BillingAccountName: account,
    BillingCurrency: c.currency,
    BillingPeriodEnd: period.end,
    BillingPeriodStart: period.start,
    ChargeCategory: category,
    ChargeClass: null,
    ChargeDescription: `${c.issuer} ${what} (${c.basis}) on ${c.day}`,
    ChargeFrequency: category === 'Purchase' ? 'One-Time' : 'Usage-Based',
    ChargePeriodEnd: `${nextDay(c.day)}T00:00:00Z`,
    ChargePeriodStart: `${c.day}T00:00:00Z`,
    ConsumedQuantity: consumed.q,
    ConsumedUnit: consumed.u,
    // No discount or commitment is known to the ledger: list, contracted and effective cost are the bill's.
    ContractedCost: cost,
    EffectiveCost: cost,
    InvoiceIssuerName: c.issuer,
    ListCost: cost,
    PricingQuantity: pricing.q,
    PricingUnit: pricing.u,
    ProviderName: c.issuer,
    PublisherName: c.vendor ?? c.issuer,
    ServiceCategory: 'AI and Machine Learning',
    ServiceName: `${c.issuer} API`,
    ServiceSubcategory: 'Generative AI',
    SkuId: c.model,
    x_Source: c.provider,
    x_Model: c.model,
    x_VendorRegion: c.origin_region,
    x_TokenClass: c.tokenClass,
    x_CostBasis: c.basis,
    x_CostAllocation: c.allocation,
    x_Member: c.member,
    x_Machine: c.machine,
    x_InputTokens: c.counts.input.toString(),
    x_CacheReadTokens: c.counts.cache_read.toString(),
    x_CacheWriteTokens: c.counts.cache_write.toString(),
    x_OutputTokens: c.counts.output.toString(),
    x_ReasoningTokens: c.counts.reasoning.toString(),
    x_Requests: c.requests.toString(),
  };
}

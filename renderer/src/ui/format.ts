/** Locale-aware number and money formatting for the window. Amounts arrive as exact decimal strings. */
import type { AmountsByCurrency } from '../../../shared/contract/types';

const cache = new Map<string, Intl.NumberFormat>();
function nf(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export function formatInteger(n: number, locale?: string): string {
  return nf(`int:${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(n);
}

/** "$1,234.56", "¥334.07": 2 decimals, or more for amounts under one unit. */
export function formatMoney(amount: string, currency: string, locale?: string): string {
  const small = Math.abs(Number(amount)) < 1 && Number(amount) !== 0;
  const key = `money:${locale}:${currency}:${small}`;
  const f = nf(
    key,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: 2,
        maximumFractionDigits: small ? 4 : 2,
      }),
  );
  // Intl formats decimal strings exactly (no float round trip).
  return f.format(amount as unknown as number);
}

export function formatAmounts(a: AmountsByCurrency, locale?: string): string[] {
  return Object.entries(a).map(([c, v]) => formatMoney(v, c, locale));
}

/** 12.3M, 4.5K: compact token counts for cards and axes. */
export function formatCompact(n: number, locale?: string): string {
  return nf(`compact:${locale}`, () => new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 })).format(n);
}

const exactMoneyFormats = new Map<string, Intl.NumberFormat>();

/** Exact amounts (up to 6 decimals, as bills state them): "$0.546065", "¥12.50". */
export function formatExactMoney(amount: string, currency: string): string {
  let f = exactMoneyFormats.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(undefined, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 6 });
    exactMoneyFormats.set(currency, f);
  }
  // Intl formats a decimal string exactly (no float round trip).
  return f.format(amount as unknown as number);
}

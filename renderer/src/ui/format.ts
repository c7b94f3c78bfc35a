/** Locale-aware number and money formatting for the window. Amounts arrive as exact decimal strings. */
import type { AmountsByCurrency } from '../../../shared/contract/types';
import { formatMoneyText, formatTokenCount } from '../../../shared/contract/format';

/**
 * The window's locale, the default of every formatter here (the I18nProvider sets it before the screens
 * render); a caller may pass another.
 */
let current: string = 'en';
export function setFormatLocale(locale: string): void {
  current = locale;
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export function formatInteger(n: number, locale: string = current): string {
  return nf(`int:${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })).format(n);
}

/**
 * "$1,234.56", "¥334.07", "$0.00123": to the cent, or 3 significant digits below a cent. The one money rule
 * of the window, the CLI and the engine's sentences: shared/contract/format.ts formatMoneyText.
 */
export function formatMoney(amount: string, currency: string, locale: string = current): string {
  return formatMoneyText(amount, currency, locale);
}

export function formatAmounts(a: AmountsByCurrency, locale: string = current): string[] {
  return Object.entries(a).map(([c, v]) => formatMoney(v, c, locale));
}

/** 12.3M, 4.5K: compact token counts for cards and axes. */
export function formatCompact(n: number, locale: string = current): string {
  return formatTokenCount(n, locale);
}

/** Exact amounts (up to 6 decimals, as bills state them): "$0.546065", "¥12.50". */
export function formatExactMoney(amount: string, currency: string, locale: string = current): string {
  const f = nf(
    `exact:${locale}:${currency}`,
    () => new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 6 }),
  );
  // Intl formats a decimal string exactly (no float round trip).
  return f.format(amount as unknown as number);
}

/**
 * A unit cost (per request, per million tokens): cents from ten cents up, three significant digits below
 * ("$0.0312" per request, not "$0.03"; "$0.000004"; "$3.21").
 */
export function formatUnitMoney(amount: string, currency: string, locale: string = current): string {
  const small = Math.abs(Number(amount)) < 0.1 && Number(amount) !== 0;
  const f = nf(`unit:${small}:${locale}:${currency}`, () =>
    small
      ? new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', maximumSignificantDigits: 3 })
      : new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  );
  // Intl formats a decimal string exactly (no float round trip).
  return f.format(amount as unknown as number);
}

/** A number with up to `digits` decimals ("1,234.5"). */
export function formatNumber(n: number, digits = 2, locale: string = current): string {
  return nf(`num:${locale}:${digits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).format(n);
}

/** A share as a percentage with one decimal ("12.3%"); `ratio` is 0..1. */
export function formatPercent(ratio: number, locale: string = current): string {
  return nf(`pct:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 })).format(ratio);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
function df(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = dateFormats.get(key);
  if (!f) {
    f = make();
    dateFormats.set(key, f);
  }
  return f;
}

/** An instant (ISO string or epoch ms) as a date and time in the window's locale and the runtime's zone. */
export function formatDateTime(at: string | number, locale: string = current): string {
  return df(`dt:${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })).format(new Date(at));
}

/** "October 2025" / "2025年10月" for a YYYY-MM month. */
export function formatMonth(month: string, locale: string = current): string {
  return df(`month:${locale}`, () => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })).format(new Date(`${month}-01T00:00:00Z`));
}

/** "Oct" / "10月" for a YYYY-MM month (chart axes). */
export function formatShortMonth(month: string, locale: string = current): string {
  return df(`smonth:${locale}`, () => new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' })).format(new Date(`${month}-01T00:00:00Z`));
}

/** The window's locale (for a formatter made here with options of its own). */
export function getFormatLocale(): string {
  return current;
}

/** Showing the contract's exact amounts (decimal strings) to a person: rounded only for display. */
import { formatNano, parseDecimalToNano } from '../domain/money';

/** A decimal amount rounded half up to `decimals` places ('12.345' -> '12.35'); the exact value stays in the answer. */
export function roundAmount(value: string, decimals: number): string {
  return formatNano(parseDecimalToNano(value), decimals);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * How many decimals an amount is shown with: to the cent, or 3 significant digits below a cent (a tiny
 * amount never reads as zero): 1234.5 -> 2, 0.5678 -> 2, 0.00123 -> 5. The one rule of every screen,
 * command and document.
 */
export function moneyDecimals(amount: string): number {
  const abs = amount.replace(/^-/, '');
  return Number(abs) === 0 || Number(abs) >= 0.01 ? 2 : Math.min(9, (/^0\.(0*)[1-9]/.exec(abs)?.[1]?.length ?? 0) + 3);
}

/**
 * An amount for a person with its currency's narrow symbol ("$1,234.56", "¥334.07", "$0.00123"), rounded
 * by `moneyDecimals` on the exact decimal (roundAmount); Intl only writes the digits and the symbol. The
 * window's formatMoney, the documents (the review pack) and `amountDigits` (sentences, the terminal) share it.
 */
export function formatMoneyText(amount: string, currency: string, locale = 'en-US'): string {
  const decimals = moneyDecimals(amount);
  const key = `${locale}:${currency}:${decimals}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    moneyFormats.set(key, f);
  }
  return f.format(roundAmount(amount, decimals) as Intl.StringNumericLiteral);
}

const digitFormats = new Map<string, Intl.NumberFormat>();

/** Grouped digits in `locale` with exactly `fractionDigits` decimals (cached per locale and decimals). */
export function groupedDigits(locale: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}:${fractionDigits}`;
  let f = digitFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits });
    digitFormats.set(key, f);
  }
  return f;
}

/**
 * An amount's digits for a sentence or a terminal: to the cent with thousands separated ("1,234.50"), or 3
 * significant digits below a cent ("0.00123"), so a tiny amount never reads as zero. The rounding is done on
 * the exact decimal (roundAmount); Intl only writes the digits (it reads a decimal string exactly).
 */
export function amountDigits(amount: string, locale: string): string {
  const decimals = moneyDecimals(amount);
  return groupedDigits(locale, decimals).format(roundAmount(amount, decimals) as Intl.StringNumericLiteral);
}

const tokenFormats = new Map<string, Intl.NumberFormat>();

/** A token count with its unit in `locale` (Intl's compact notation): "1.2M", "35.4K", "980"; "120万", "1.2亿". */
export function formatTokenCount(n: number, locale: string): string {
  let f = tokenFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    tokenFormats.set(locale, f);
  }
  return f.format(n);
}

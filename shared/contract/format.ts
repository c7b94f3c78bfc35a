/** Showing the contract's exact amounts (decimal strings) to a person: rounded only for display. */
import { formatNano, parseDecimalToNano } from '../domain/money';

/** A decimal amount rounded half up to `decimals` places ('12.345' -> '12.35'); the exact value stays in the answer. */
export function roundAmount(value: string, decimals: number): string {
  return formatNano(parseDecimalToNano(value), decimals);
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/**
 * An amount for a document, as the window shows it ("$1,234.56", "¥334.07"): 2 decimals, up to 4 for
 * amounts under one unit, the currency's narrow symbol. Intl formats the decimal string exactly.
 */
export function formatMoneyText(amount: string, currency: string, locale = 'en-US'): string {
  const small = Math.abs(Number(amount)) < 1 && Number(amount) !== 0;
  const key = `${locale}:${currency}:${small}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', minimumFractionDigits: 2, maximumFractionDigits: small ? 4 : 2 });
    moneyFormats.set(key, f);
  }
  return f.format(amount as unknown as number);
}

import type { AmountsByCurrency, LedgerTotals } from '../../shared/contract/types';
import { amountDigits, formatTokenCount, groupedDigits } from '../../shared/contract/format';
import { locale, t } from './i18n';

export function formatInt(n: number): string {
  return groupedDigits(locale(), 0).format(n);
}

/**
 * A token count for people, with its unit in the output's locale (Intl's compact notation): "1.2M",
 * "35.4K", "980"; in Chinese "120万", "1.2亿". `--json` keeps the exact integer.
 */
export function formatTokens(n: number): string {
  return formatTokenCount(n, locale());
}

/**
 * An amount for people: to the cent with thousands separated in the output's locale ("1,234.50"), or 3
 * significant digits below a cent ("0.00123"), so a tiny amount never reads as zero. The rounding is
 * done on the exact decimal (roundAmount); Intl only writes the digits. `--json` keeps the exact decimal.
 */
export function formatMoney(amount: string): string {
  return amountDigits(amount, locale());
}

/**
 * A sum in several currencies ("2,881.05 CNY + 0.00500 USD"), as every command prints one. A currency whose
 * amount is exactly zero is left out ("-0.79 USD", not "0.00 CNY + -0.79 USD"); all zero prints the first
 * one ("0.00 USD"); none prints "-".
 */
export function formatAmounts(a: AmountsByCurrency): string {
  const entries = Object.entries(a);
  const nonZero = entries.filter(([, v]) => Number(v) !== 0);
  const shown = nonZero.length ? nonZero : entries.slice(0, 1);
  return shown.length ? shown.map(([c, v]) => `${formatMoney(v)} ${c}`).join(' + ') : '-';
}

/** A price per million tokens without binary float noise ("2.9999900000000002" -> "2.99999"). */
export function formatPrice(price: string): string {
  const n = Number(price);
  return Number.isFinite(n) ? String(Number(n.toPrecision(6))) : price;
}

/** A small aligned table for terminal output. */
export function table(headers: string[], rows: (string | number)[][], alignRight: boolean[] = []): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i] ?? ''))));
  const pad = (c: string, i: number) => ' '.repeat(widths[i]! - displayWidth(c));
  return cells
    .map((r) => r.map((c, i) => (alignRight[i] ? pad(c, i) + c : c + pad(c, i))).join('  ').trimEnd())
    .join('\n');
}

export function totalsText(totals: LedgerTotals): string {
  const tk = totals.tokens;
  const lines = [
    table(
      [t('cli.totals.tokens'), t('cli.totals.count')],
      [
        [t('cli.totals.input'), formatTokens(tk.input)],
        [t('cli.totals.cacheRead'), formatTokens(tk.cache_read)],
        [t('cli.totals.cacheWrite5m'), formatTokens(tk.cache_write_5m)],
        [t('cli.totals.cacheWrite1h'), formatTokens(tk.cache_write_1h)],
        [t('cli.totals.output'), formatTokens(tk.output)],
        [t('cli.totals.reasoning'), formatTokens(tk.reasoning)],
        [t('cli.totals.requests'), formatInt(totals.requests)],
      ],
      [false, true],
    ),
    '',
    t('cli.totals.spend', { amounts: formatAmounts(totals.spend) }),
    t('cli.totals.billed', { amounts: formatAmounts(totals.billed) }),
    t('cli.totals.estimated', { amounts: formatAmounts(totals.estimated) }),
  ];
  if (Object.keys(totals.notional).length) lines.push(t('cli.totals.inPlans', { amounts: formatAmounts(totals.notional) }));
  if (totals.unpriced.facts > 0) lines.push(unpricedLine(totals.unpriced.tokens, totals.unpriced.models));
  return lines.join('\n');
}

/** "UNPRICED: N tokens on M models have no price (...)": the same words in every command. */
export function unpricedLine(tokens: number, models: readonly string[]): string {
  return t('cli.unpriced', { tokens: formatTokens(tokens), models: models.length, list: models.join(', ') });
}

/** A table cell's width in a terminal: CJK characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return w;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();

/** A calendar month ('2025-09') as the output's locale names it ("September 2025", "2025年9月"). */
export function formatMonth(month: string): string {
  let f = monthFormats.get(locale());
  if (!f) {
    f = new Intl.DateTimeFormat(locale(), { year: 'numeric', month: 'long', timeZone: 'UTC' });
    monthFormats.set(locale(), f);
  }
  return f.format(new Date(`${month}-01T00:00:00Z`));
}

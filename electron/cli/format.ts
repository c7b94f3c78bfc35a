import type { AmountsByCurrency, LedgerTotals } from '../../shared/contract/types';
import { roundAmount } from '../../shared/contract/format';

export function formatInt(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * An amount for people: to the cent with thousands separated ("1,234.50"), or 3 significant digits
 * below a cent ("0.00123"), so a tiny amount never reads as zero. `--json` keeps the exact decimal.
 */
export function formatMoney(amount: string): string {
  const abs = amount.replace(/^-/, '');
  if (Number(abs) === 0 || Number(abs) >= 0.01) {
    const [int, frac] = roundAmount(amount, 2).split('.');
    return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
  }
  const firstDigit = /^0\.(0*)[1-9]/.exec(abs)?.[1]?.length ?? 0;
  return roundAmount(amount, Math.min(9, firstDigit + 3));
}

export function formatAmounts(a: AmountsByCurrency): string {
  const entries = Object.entries(a);
  return entries.length ? entries.map(([c, v]) => `${formatMoney(v)} ${c}`).join(' + ') : '-';
}

/** A price per million tokens without binary float noise ("2.9999900000000002" -> "2.99999"). */
export function formatPrice(price: string): string {
  const n = Number(price);
  return Number.isFinite(n) ? String(Number(n.toPrecision(6))) : price;
}

/** A small aligned table for terminal output. */
export function table(headers: string[], rows: (string | number)[][], alignRight: boolean[] = []): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r) => r.map((c, i) => (alignRight[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd())
    .join('\n');
}

export function totalsText(t: LedgerTotals): string {
  const lines = [
    table(
      ['tokens', 'count'],
      [
        ['input (uncached)', formatInt(t.tokens.input)],
        ['cache read', formatInt(t.tokens.cache_read)],
        ['cache write 5m', formatInt(t.tokens.cache_write_5m)],
        ['cache write 1h', formatInt(t.tokens.cache_write_1h)],
        ['output', formatInt(t.tokens.output)],
        ['  of which reasoning', formatInt(t.tokens.reasoning)],
        ['requests', formatInt(t.requests)],
      ],
      [false, true],
    ),
    '',
    `spend:     ${formatAmounts(t.spend)}`,
    `billed:    ${formatAmounts(t.billed)}`,
    `estimated: ${formatAmounts(t.estimated)}`,
  ];
  if (Object.keys(t.notional).length) lines.push(`in plans:  ${formatAmounts(t.notional)} (value at list price of usage a plan includes: not spend)`);
  if (t.unpriced.facts > 0) {
    const n = t.unpriced.models.length;
    lines.push(`UNPRICED:  ${formatInt(t.unpriced.tokens)} tokens on ${n} ${n === 1 ? 'model has' : 'models have'} no price (${t.unpriced.models.join(', ')})`);
  }
  return lines.join('\n');
}

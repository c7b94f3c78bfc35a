/**
 * Effective-dated FX for report-time conversion. Rates are stored as units of the
 * currency per 1 USD; a rate is in force from its date until the next one. The user edits the table;
 * every converted figure carries the rate and its date.
 */
import { z } from 'zod';
import { divDecimalStrings, divRound, parseDecimal } from './decimal';
import { normalizeCurrency, type CurrencyCode, type Money } from './money';
import reference from './fx-reference.json';

export const fxRateSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** 'YYYY-MM-DD', in force from 00:00 UTC. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Units of `currency` per 1 USD, decimal string. */
  perUsd: z.string().regex(/^\d+(\.\d+)?$/),
  source: z.string(),
  origin: z.enum(['builtin', 'user']).default('builtin'),
});
export type FxRate = z.infer<typeof fxRateSchema>;
export type FxTable = readonly FxRate[];

/**
 * The shipped reference rates: the ECB's daily euro reference rates (fx-reference.json, units per 1 EUR as
 * the ECB publishes them), crossed to units per 1 USD (X per USD = X per EUR / USD per EUR), 10 decimals.
 * A day without a fixing (weekend, TARGET holiday) takes the last rate before it.
 */
export const REFERENCE_FX = {
  source: reference.source,
  firstDay: reference.firstDay,
  /** Days after this one convert at the latest rate, and every converted figure says so. */
  lastDay: reference.lastDay,
} as const;

function builtinTable(): FxRate[] {
  const out: FxRate[] = [];
  const cols = reference.columns;
  const usd = cols.indexOf('USD') + 1;
  for (const row of reference.rows) {
    const date = row[0]!;
    const usdPerEur = row[usd]!;
    const src = `ECB reference rate ${date}: 1 EUR = ${usdPerEur} USD`;
    out.push({ currency: 'EUR', date, perUsd: trimZeros(divDecimalStrings('1', usdPerEur, 10)), source: src, origin: 'builtin' });
    cols.forEach((c, i) => {
      if (c === 'USD') return;
      out.push({ currency: c, date, perUsd: trimZeros(divDecimalStrings(row[i + 1]!, usdPerEur, 10)), source: `${src}, 1 EUR = ${row[i + 1]} ${c}`, origin: 'builtin' });
    });
  }
  return out;
}

function trimZeros(d: string): string {
  return d.includes('.') ? d.replace(/0+$/, '').replace(/\.$/, '') : d;
}

let builtin: FxTable | undefined;

/** The shipped rates as a table, crossed on first use (not when the module loads: most commands convert nothing). */
export function builtinFx(): FxTable {
  return (builtin ??= builtinTable());
}

/**
 * The display currencies the app offers: USD and every currency the shipped table has a rate for (EUR and
 * the reference's columns), the rest in code order (plain comparison: codes are A-Z, and a locale
 * comparison would load ICU's collation data).
 */
export const DISPLAY_CURRENCIES: readonly string[] = ['USD', ...new Set(['EUR', ...reference.columns.filter((c) => c !== 'USD')])].sort((a, b) =>
  a === 'USD' ? -1 : b === 'USD' ? 1 : a < b ? -1 : a > b ? 1 : 0,
);

export interface Converted {
  nano: bigint;
  /** Units of `to` per 1 unit of the source currency, 10 decimals. */
  rate: string;
  /** Date of the rate used (the older leg when both sides are non-USD). */
  rateDate: string | null;
}

export class FxError extends Error {
  constructor(readonly code: 'NO_RATE', message: string) {
    super(message);
    this.name = 'FxError';
  }
}

/** A table's rates by currency, dates ascending (a user's rate after the built-in one of its date). */
const indexes = new WeakMap<FxTable, Map<string, FxRate[]>>();

function indexOf(table: FxTable): Map<string, FxRate[]> {
  let idx = indexes.get(table);
  if (!idx) {
    idx = new Map();
    for (const r of table) {
      const list = idx.get(r.currency) ?? [];
      list.push(r);
      idx.set(r.currency, list);
    }
    for (const list of idx.values()) list.sort((a, b) => a.date.localeCompare(b.date) || (a.origin === 'user' ? 1 : -1));
    indexes.set(table, idx);
  }
  return idx;
}

/** The rate of `currency` in force on `day` ('YYYY-MM-DD'): the latest dated on or before it (a user's wins a tie). */
export function rateOn(currency: CurrencyCode, day: string, table: FxTable = builtinFx()): FxRate | null {
  if (currency === 'USD') return null;
  const rows = indexOf(table).get(currency);
  if (!rows?.length) throw new FxError('NO_RATE', `no FX rate for ${currency}`);
  let lo = 0;
  let hi = rows.length - 1;
  if (rows[0]!.date > day) return rows[0]!; // before the first point: the earliest (its date is shown)
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rows[mid]!.date <= day) lo = mid;
    else hi = mid - 1;
  }
  return rows[lo]!;
}

/** Convert money to `to` at the rates in force on `day` ('YYYY-MM-DD'). Rounds half away from zero, once. */
export function convertOn(money: Money, to: CurrencyCode, day: string, table: FxTable = builtinFx()): Converted {
  const from = normalizeCurrency(money.currency);
  const target = normalizeCurrency(to);
  if (from === target) return { nano: money.nano, rate: '1', rateDate: null };
  const a = rateOn(from, day, table);
  const b = rateOn(target, day, table);
  const fromPerUsd = parseDecimal(a?.perUsd ?? '1');
  const toPerUsd = parseDecimal(b?.perUsd ?? '1');
  // x * toPerUsd / fromPerUsd, exact then rounded once.
  const num = money.nano * toPerUsd.units * 10n ** BigInt(fromPerUsd.scale);
  const den = fromPerUsd.units * 10n ** BigInt(toPerUsd.scale);
  const nano = divRound(num, den);
  const rate = divDecimalStrings(b?.perUsd ?? '1', a?.perUsd ?? '1', 10);
  const dates = [a?.date, b?.date].filter((d): d is string => !!d).sort();
  return { nano, rate, rateDate: dates[0] ?? null };
}

/** convertOn at the UTC day of an instant (epoch ms). */
export function convert(money: Money, to: CurrencyCode, atInstant: number, table: FxTable = builtinFx()): Converted {
  return convertOn(money, to, new Date(atInstant).toISOString().slice(0, 10), table);
}

/**
 * What is wrong with one rate, field by field (empty when nothing): the same words for a CSV line and for
 * a rate typed in the FX screen. `rateField` names the rate's column as the file spells it.
 */
export function fxRateProblems(r: { currency: string; date: string; perUsd: string }, rateField = 'per_usd'): string[] {
  const out: string[] = [];
  const day = Date.parse(`${r.date}T00:00:00Z`);
  if (r.date === '') out.push('date is empty');
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(r.date) || Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== r.date) out.push(`date "${r.date}" is not a day as YYYY-MM-DD`);
  if (r.currency === '') out.push('currency is empty');
  else if (!/^[A-Z]{3}$/.test(r.currency)) out.push(`currency "${r.currency}" is not a 3-letter code`);
  else if (r.currency === 'USD') out.push('currency USD needs no rate: rates are units of a currency per 1 USD');
  if (r.perUsd === '') out.push(`${rateField} is empty`);
  else if (!/^\d+(\.\d+)?$/.test(r.perUsd)) out.push(`${rateField} "${r.perUsd}" is not a decimal number`);
  else if (!/[1-9]/.test(r.perUsd)) out.push(`${rateField} must be more than 0`);
  return out;
}

/**
 * Parse a CSV of rates: header `date,currency,per_usd[,source]` (also accepts the reference file's
 * `date,cny_per_usd,kind,source,notes`). A bad row is skipped and reported with its line in the file
 * (blank lines counted) and what is wrong with which field; a second rate for the same currency and
 * date is refused with the line of the first.
 */
export function parseFxCsv(text: string): { rates: FxRate[]; skipped: Array<{ line: number; reason: string }> } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  const header = splitCsvLine(lines[headerAt] ?? '').map((h) => h.trim().toLowerCase());
  const rates: FxRate[] = [];
  const skipped: Array<{ line: number; reason: string }> = [];
  const iDate = header.indexOf('date');
  const iCny = header.indexOf('cny_per_usd');
  const iCur = header.indexOf('currency');
  const iRate = iCny >= 0 ? iCny : header.indexOf('per_usd');
  const iSrc = header.indexOf('source');
  if (iDate < 0 || iRate < 0 || (iCny < 0 && iCur < 0)) throw new Error('FX CSV needs date, currency and per_usd columns (or date and cny_per_usd)');
  const firstLine = new Map<string, number>();
  for (let n = headerAt + 1; n < lines.length; n++) {
    const l = lines[n]!;
    if (l.trim() === '') continue;
    const line = n + 1;
    const cells = splitCsvLine(l);
    const date = (cells[iDate] ?? '').trim();
    const perUsd = (cells[iRate] ?? '').trim();
    const currency = iCny >= 0 ? 'CNY' : (cells[iCur] ?? '').trim().toUpperCase();
    const problems = fxRateProblems({ currency, date, perUsd }, header[iRate]);
    const key = `${currency}|${date}`;
    if (problems.length === 0 && firstLine.has(key)) problems.push(`a rate for ${currency} on ${date} is already on line ${firstLine.get(key)}`);
    if (problems.length) {
      skipped.push({ line, reason: problems.join('; ') });
      continue;
    }
    firstLine.set(key, line);
    rates.push(fxRateSchema.parse({ currency, date, perUsd, source: iSrc >= 0 ? (cells[iSrc] ?? '').trim() || 'csv' : 'csv', origin: 'user' }));
  }
  return { rates, skipped };
}

/** Minimal RFC-4180 line splitter (quoted cells, doubled quotes). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (q) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

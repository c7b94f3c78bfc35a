/**
 * Effective-dated FX for report-time conversion. Rates are stored as units of the
 * currency per 1 USD; a rate is in force from its date until the next one. The user edits the table;
 * every converted figure carries the rate and its date.
 */
import { z } from 'zod';
import reference from './fx-reference.json';
import type { FxRate } from './fx-table';

export * from './fx-table';

export const fxRateSchema = z.object({
  currency: z.string().regex(/^[A-Z]{3}$/),
  /** 'YYYY-MM-DD', in force from 00:00 UTC. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Units of `currency` per 1 USD, decimal string. */
  perUsd: z.string().regex(/^\d+(\.\d+)?$/),
  source: z.string(),
  origin: z.enum(['builtin', 'user']).default('builtin'),
});

/**
 * The display currencies the app offers: USD and every currency the shipped table has a rate for (EUR and
 * the reference's columns), the rest in code order (plain comparison: codes are A-Z, and a locale
 * comparison would load ICU's collation data).
 */
export const DISPLAY_CURRENCIES: readonly string[] = ['USD', ...new Set(['EUR', ...reference.columns.filter((c) => c !== 'USD')])].sort((a, b) =>
  a === 'USD' ? -1 : b === 'USD' ? 1 : a < b ? -1 : a > b ? 1 : 0,
);

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

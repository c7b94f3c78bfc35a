/**
 * Effective-dated FX for report-time conversion. Rates are stored as units of the
 * currency per 1 USD; a rate is in force from its date until the next one. The user edits the table;
 * every converted figure carries the rate and its date.
 */
import { z } from 'zod';
import reference from './fx-reference.json';
import type { FxRate } from './fx-table';
import { english } from '../i18n/english';
import { said, type Said } from '../i18n/said';

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
 * What is wrong with one rate, field by field (empty when nothing), as messages of the engine catalog: the
 * same words for a CSV line and for a rate typed in the FX screen. `rateField` names the rate's column as
 * the file spells it.
 */
export function fxRateProblems(r: { currency: string; date: string; perUsd: string }, rateField = 'per_usd'): Said[] {
  const out: Said[] = [];
  const day = Date.parse(`${r.date}T00:00:00Z`);
  if (r.date === '') out.push(said('engine.fx.dateEmpty'));
  else if (!/^\d{4}-\d{2}-\d{2}$/.test(r.date) || Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== r.date) out.push(said('engine.fx.dateBad', { date: r.date }));
  if (r.currency === '') out.push(said('engine.fx.currencyEmpty'));
  else if (!/^[A-Z]{3}$/.test(r.currency)) out.push(said('engine.fx.currencyBad', { currency: r.currency }));
  else if (r.currency === 'USD') out.push(said('engine.fx.currencyUsd'));
  if (r.perUsd === '') out.push(said('engine.fx.rateEmpty', { field: rateField }));
  else if (!/^\d+(\.\d+)?$/.test(r.perUsd)) out.push(said('engine.fx.rateBad', { field: rateField, rate: r.perUsd }));
  else if (!/[1-9]/.test(r.perUsd)) out.push(said('engine.fx.rateZero', { field: rateField }));
  return out;
}

/** A line of an FX CSV left out: its line in the file, what is wrong in English (kept for scripts) and as a message. */
export interface FxSkipped {
  line: number;
  reason: string;
  said: Said;
}

/** An FX CSV without the columns a rate needs: nothing in it can be read. */
export class FxCsvHeaderError extends Error {
  readonly said = said('engine.error.fxCsvHeader');
  constructor() {
    super(english(said('engine.error.fxCsvHeader')));
  }
}

/**
 * Parse a CSV of rates: header `date,currency,per_usd[,source]` (also accepts the reference file's
 * `date,cny_per_usd,kind,source,notes`). A bad row is skipped and reported with its line in the file
 * (blank lines counted) and what is wrong with which field; a second rate for the same currency and
 * date is refused with the line of the first.
 */
export function parseFxCsv(text: string): { rates: FxRate[]; skipped: FxSkipped[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  const header = splitCsvLine(lines[headerAt] ?? '').map((h) => h.trim().toLowerCase());
  const rates: FxRate[] = [];
  const skipped: FxSkipped[] = [];
  const iDate = header.indexOf('date');
  const iCny = header.indexOf('cny_per_usd');
  const iCur = header.indexOf('currency');
  const iRate = iCny >= 0 ? iCny : header.indexOf('per_usd');
  const iSrc = header.indexOf('source');
  if (iDate < 0 || iRate < 0 || (iCny < 0 && iCur < 0)) throw new FxCsvHeaderError();
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
    if (problems.length === 0 && firstLine.has(key)) problems.push(said('engine.fx.duplicate', { currency, date, line: String(firstLine.get(key)) }));
    if (problems.length) {
      const why = said('engine.fx.problems', { problems: { list: problems } });
      skipped.push({ line, reason: english(why), said: why });
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

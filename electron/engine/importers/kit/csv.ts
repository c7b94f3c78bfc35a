/**
 * Streaming delimited text: records with the physical line where each starts, header mapping,
 * and cell readers whose failures become error rows naming the line and the column.
 */
import { FieldError, checkAborted, guard, moneyOrThrow, parseCompactDate, parseIsoInstant, parseMdy, rowSaid } from './common';
import { batchedRows } from './lines';
import type { BatchedRows, ParseContext, ParsedRow, TextSource } from '../types';

export { MAX_FIELD_CHARS, readCsvRecords, type CsvRecord } from './csv-records';
import { MAX_FIELD_CHARS, readCsvRecordBatches } from './csv-records';

/** One data record with its header. Cell readers throw FieldError, which parseCsv turns into an error row. */
export class CsvRow {
  constructor(
    readonly line: number,
    private readonly index: ReadonlyMap<string, number>,
    readonly fields: readonly string[],
    readonly decimalComma: boolean,
  ) {}

  has(name: string): boolean {
    return this.index.has(name.toLowerCase());
  }

  /** The raw cell ('' when empty), undefined when the column does not exist. */
  raw(name: string): string | undefined {
    // Header names are kept in lower case; importers ask in lower case (no new string per cell then).
    const i = this.index.get(name) ?? this.index.get(name.toLowerCase());
    return i === undefined ? undefined : (this.fields[i] ?? '');
  }

  /** All cells by header name (for rows kept whole, e.g. tags). */
  record(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, i] of this.index) out[name] = this.fields[i] ?? '';
    return out;
  }

  /** True when every cell is empty (an empty bucket). */
  isEmpty(except: readonly string[] = []): boolean {
    const skip = new Set(except.map((e) => e.toLowerCase()));
    for (const [name, i] of this.index) if (!skip.has(name) && (this.fields[i] ?? '').trim() !== '') return false;
    return true;
  }
}

/** Text cell: trimmed, null when empty or missing. `nullMarkers` (e.g. '--') also read as null. */
export function textCell(row: CsvRow, name: string, nullMarkers: readonly string[] = []): string | null {
  const v = row.raw(name)?.trim();
  if (v === undefined || v === '' || nullMarkers.includes(v)) return null;
  return v;
}

export function requiredText(row: CsvRow, name: string): string {
  const v = textCell(row, name);
  if (v === null) throw new FieldError(name, 'engine.row.empty', { field: name });
  return v;
}

/**
 * Whole non-negative number ("214", "214.0"; "4,100,220" with `thousands`). Empty: null when `optional`,
 * else an error. Never returns 0 for a bad cell.
 */
export function intCell(row: CsvRow, name: string, opts: { optional?: boolean; thousands?: boolean } = {}): number | null {
  const raw = textCell(row, name);
  if (raw === null) {
    if (opts.optional) return null;
    throw new FieldError(name, 'engine.row.emptyExpectedWhole', { field: name });
  }
  if (raw.length <= 15 && allDigits(raw)) return Number.parseInt(raw, 10); // the common cell, without the regexes below
  const text = opts.thousands ? raw.replace(/,(?=\d{3}(\D|$))/g, '') : raw;
  if (/^-\d+(\.0*)?$/.test(text)) throw new FieldError(name, 'engine.row.negativeCountQuoted', { field: name, value: raw });
  if (!/^\+?\d+(\.0*)?$/.test(text)) throw new FieldError(name, 'engine.row.notWholeQuoted', { field: name, value: raw });
  const n = Number.parseInt(text.replace(/^\+/, ''), 10);
  if (!Number.isSafeInteger(n)) throw new FieldError(name, 'engine.row.tooLargeQuoted', { field: name, value: raw });
  return n;
}

/** intCell that treats an empty cell as an error. */
export function requiredInt(row: CsvRow, name: string, opts: { thousands?: boolean } = {}): number {
  return intCell(row, name, opts)!;
}

/** Decimal money cell as nano-units (decimal comma per row settings). Empty: null when optional, else an error. */
export function moneyCell(
  row: CsvRow,
  name: string,
  opts: { optional?: boolean; nullMarkers?: readonly string[] } = {},
): bigint | null {
  const raw = textCell(row, name, opts.nullMarkers ?? []);
  if (raw === null) {
    if (opts.optional) return null;
    throw new FieldError(name, 'engine.row.emptyExpectedAmount', { field: name });
  }
  return moneyOrThrow(name, raw, { decimalComma: row.decimalComma });
}

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

export type DateForm = 'iso' | 'mdy' | 'compact';

/** Instant cell (UTC epoch ms): 'iso' covers RFC3339, 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS.mmm' (UTC) and '… UTC'. */
export function dateCell(row: CsvRow, name: string, form: DateForm = 'iso'): number {
  const raw = textCell(row, name);
  if (raw === null) throw new FieldError(name, 'engine.row.emptyExpectedDate', { field: name });
  const t = form === 'mdy' ? parseMdy(raw) : form === 'compact' ? parseCompactDate(raw) : parseIsoInstant(raw);
  const expected = rowSaid(form === 'mdy' ? 'engine.row.expect.mdy' : form === 'compact' ? 'engine.row.expect.compact' : 'engine.row.expect.iso');
  if (t === null) throw new FieldError(name, 'engine.row.notDateExpected', { field: name, value: raw, expected });
  return t;
}

/**
 * The row loop for CSV importers: header record, then each record mapped by `map`.
 * Empty file, header without rows, field-count mismatches and unclosed quotes become error rows.
 * Decimal commas: ctx.decimalComma, else assumed when the delimiter is ';'.
 * The rows come a batch at a time (the records of one read), readable row by row too.
 */
export function parseCsv(source: TextSource, ctx: ParseContext, map: (row: CsvRow) => ParsedRow | ParsedRow[] | null): BatchedRows {
  return batchedRows(csvRowBatches(source, ctx, map));
}

async function* csvRowBatches(source: TextSource, ctx: ParseContext, map: (row: CsvRow) => ParsedRow | ParsedRow[] | null): AsyncIterable<ParsedRow[]> {
  const delimiter = ctx.delimiter ?? ',';
  const decimalComma = ctx.decimalComma ?? delimiter === ';';
  let index: Map<string, number> | null = null;
  let headerLength = 0;
  let header: string[] = [];
  let lastLine = 0;
  let dataRows = 0;
  for await (const batch of readCsvRecordBatches(source, delimiter, ctx.signal)) {
    checkAborted(ctx.signal);
    const out: ParsedRow[] = [];
    for (const rec of batch) {
      lastLine = rec.line;
      if (index === null && rec.tooLong !== undefined) {
        out.push({ kind: 'error', line: rec.line, field: '(header)', said: rec.error! });
        yield out;
        return;
      }
      if (index === null) {
        header = rec.fields.map((f) => f.replace(/^\uFEFF/, '').trim());
        index = new Map();
        rec.fields.forEach((f, i) => index!.set(f.replace(/^\uFEFF/, '').trim().toLowerCase(), i));
        headerLength = rec.fields.length;
        continue;
      }
      dataRows++;
      if (rec.tooLong !== undefined) {
        const name = header[rec.tooLong];
        out.push({ kind: 'error', line: rec.line, field: name || `field ${rec.tooLong + 1}`, said: rowSaid('engine.row.fieldTooLong', { kib: MAX_FIELD_CHARS / 1024 }) });
        continue;
      }
      if (rec.error) {
        out.push({ kind: 'error', line: rec.line, field: '(row)', said: rec.error });
        continue;
      }
      if (rec.fields.length !== headerLength) {
        out.push({ kind: 'error', line: rec.line, field: '(row)', said: rowSaid('engine.row.fieldCount', { fields: rec.fields.length, header: headerLength }) });
        continue;
      }
      const row = new CsvRow(rec.line, index, rec.fields, decimalComma);
      guard(rec.line, () => map(row), out);
    }
    if (out.length > 0) yield out;
  }
  if (index === null) yield [{ kind: 'error', line: 1, field: '(file)', said: rowSaid('engine.row.fileEmpty') }];
  else if (dataRows === 0) yield [{ kind: 'error', line: lastLine + 1, field: '(file)', said: rowSaid('engine.row.noDataRows') }];
}

/** Unix seconds ("1756684800", "1756684800.0") as epoch ms. */
export function unixSecondsCell(row: CsvRow, name: string): number {
  const raw = textCell(row, name);
  if (raw === null) throw new FieldError(name, 'engine.row.emptyExpectedUnixSeconds', { field: name });
  if (!/^\d{9,11}(\.0*)?$/.test(raw)) throw new FieldError(name, 'engine.row.notUnixSecondsQuoted', { field: name, value: raw });
  return Number.parseInt(raw, 10) * 1000;
}

/** TRUE/FALSE/true/false/1/0; null when empty. */
export function boolCell(row: CsvRow, name: string): boolean | null {
  const raw = textCell(row, name);
  if (raw === null) return null;
  const t = raw.toLowerCase();
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  throw new FieldError(name, 'engine.row.notBoolean', { field: name, value: raw });
}

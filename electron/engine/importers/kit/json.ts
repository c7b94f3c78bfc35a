/**
 * JSON for importers: the reader (json-parse.ts, re-exported here so an importer imports one module) and
 * the field helpers that turn a value into a fact's fields with the key path in every error.
 */
import { FieldError, moneyOrThrow, parseIsoInstant, rowSaid } from './common';
import { JsonNum, keyLine, lineOf, readJsonValues, type JsonObject, type JsonValue } from './json-parse';
import type { ParsedRow, TextSource } from '../types';

export * from './json-parse';

export function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof JsonNum);
}

export function asObject(v: JsonValue | undefined, path: string): JsonObject {
  if (!isObject(v)) throw new FieldError(path, 'engine.row.notObject', { field: path });
  return v;
}

export function asArray(v: JsonValue | undefined, path: string): JsonValue[] {
  if (!Array.isArray(v)) throw new FieldError(path, 'engine.row.notArray', { field: path });
  return v;
}

/** A string, null when absent or null; a number is given as its text. */
export function optString(o: JsonObject, key: string, path: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return v;
  if (v instanceof JsonNum) return v.text;
  if (typeof v === 'boolean') return String(v);
  throw new FieldError(jp(path, key), 'engine.row.notString', { field: jp(path, key) });
}

export function reqString(o: JsonObject, key: string, path: string): string {
  const v = optString(o, key, path);
  if (v === null || v === '') throw new FieldError(jp(path, key), 'engine.row.missing', { field: jp(path, key) });
  return v;
}

/** Whole non-negative number; null when absent/null and `optional`. */
export function optInt(o: JsonObject, key: string, path: string): number | null {
  const v = o[key];
  const field = jp(path, key);
  if (v === undefined || v === null) return null;
  const text = v instanceof JsonNum ? v.text : typeof v === 'string' ? v.trim() : null;
  if (text === null) throw new FieldError(field, 'engine.row.notNumber', { field });
  if (/^-\d+(\.0*)?$/.test(text)) throw new FieldError(field, 'engine.row.negativeCount', { field, value: text });
  if (!/^\d+(\.0*)?$/.test(text)) throw new FieldError(field, 'engine.row.notWhole', { field, value: text });
  return Number.parseInt(text, 10);
}

export function reqInt(o: JsonObject, key: string, path: string): number {
  const n = optInt(o, key, path);
  if (n === null) throw new FieldError(jp(path, key), 'engine.row.missing', { field: jp(path, key) });
  return n;
}

/** Money from a JSON number or decimal string, exact. */
export function optMoney(o: JsonObject, key: string, path: string, opts: { divideBy100?: boolean } = {}): bigint | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  const text = v instanceof JsonNum ? v.text : typeof v === 'string' ? v : null;
  if (text === null) throw new FieldError(jp(path, key), 'engine.row.notAmountField', { field: jp(path, key) });
  return moneyOrThrow(jp(path, key), text, opts);
}

export function reqInstant(o: JsonObject, key: string, path: string): number {
  const field = jp(path, key);
  const v = o[key];
  if (v instanceof JsonNum) {
    if (!/^\d+$/.test(v.text)) throw new FieldError(field, 'engine.row.notUnix', { field, value: v.text });
    // Seconds of the ledger's years have 9-10 digits, milliseconds 12-13: an export in milliseconds
    // read as seconds would land tens of thousands of years ahead.
    const n = Number(v.text);
    return n >= 1e11 ? n : n * 1000;
  }
  if (typeof v !== 'string') throw new FieldError(field, 'engine.row.missingExpectedDate', { field });
  const t = parseIsoInstant(v);
  if (t === null) throw new FieldError(field, 'engine.row.notDateQuoted', { field, value: v });
  return t;
}

/** Line of a field for error rows. */
export function lineFor(o: JsonObject, fallback: number): number {
  return lineOf(o) ?? fallback;
}

/**
 * Run a JSON row mapper at the object's line; FieldErrors become error rows at the line of the key named
 * in the error when known.
 */
export function guardJson(o: JsonObject, fallbackLine: number, map: () => ParsedRow | ParsedRow[] | null): ParsedRow[] {
  const line = lineOf(o) ?? fallbackLine;
  try {
    const out = map();
    if (out === null) return [];
    return (Array.isArray(out) ? out : [out]).map((r) => (r.line ? r : { ...r, line }));
  } catch (e) {
    if (e instanceof FieldError) {
      const key = e.field.split('.').pop()!;
      return [{ kind: 'error', line: keyLine(o, key) ?? line, field: e.field, said: e.said }];
    }
    throw e;
  }
}

/** Join a JSON path. */
export function jp(root: string, key: string | number): string {
  if (typeof key === 'number') return `${root}[${key}]`;
  return root ? `${root}.${key}` : key;
}

/**
 * The row loop for JSON page importers: every top-level value (page) goes to `onPage` with its path root
 * ('' for the first page, 'pages[n]' after); a syntax error becomes the last row.
 */
export async function* parseJsonPages(
  source: TextSource,
  signal: AbortSignal | undefined,
  onPage: (page: JsonValue, root: string, line: number) => ParsedRow[],
): AsyncIterable<ParsedRow> {
  let n = 0;
  for await (const item of readJsonValues(source, signal)) {
    if (item.kind === 'error') {
      yield item;
      return;
    }
    const root = n === 0 ? '' : `pages[${n}]`;
    n++;
    try {
      yield* onPage(item.value, root, item.line);
    } catch (e) {
      if (e instanceof FieldError) yield { kind: 'error', line: item.line, field: e.field, said: e.said };
      else throw e;
    }
  }
}

/** Map each object of an array (an error row for a non-object), at its own line. */
export function eachObject(
  arr: JsonValue[],
  path: string,
  fallbackLine: number,
  fn: (o: JsonObject, path: string) => ParsedRow | ParsedRow[] | null,
): ParsedRow[] {
  return arr.flatMap((v, i) => {
    const p = jp(path, i);
    if (!isObject(v)) return [{ kind: 'error' as const, line: fallbackLine, field: p, said: rowSaid('engine.row.notObject', { field: p }) }];
    return guardJson(v, fallbackLine, () => fn(v, p));
  });
}

/**
 * What the coding-agent log importers share: the folder name a log gives as the project, tags without
 * empty values, a JSONL object loop, and a cost the tool computed itself (never a bill).
 *
 * Agent logs carry prompts, replies, tool output and file contents: importers here read counts, ids,
 * model names, times and the working folder's name, and never copy any other string into a fact.
 */
import { MoneyParseError, parseDecimalToNano } from '../../../../shared/domain/money';
import { FieldError, parseIsoInstant, rowSaid } from '../kit/common';
import { readTextLines, tooLongMessage } from '../kit/lines';
import { isObject, JsonNum, JsonSyntaxError, parseJson, type JsonObject, type JsonValue } from '../kit/json';
import type { ParsedRow, TextSource } from '../types';

/** The last folder name of a working directory ('/home/dev/acme-api' -> 'acme-api'; Windows paths too). */
export function folderName(cwd: string | null | undefined): string | null {
  if (!cwd) return null;
  const parts = cwd.split(/[\\/]+/).filter((p) => p !== '');
  const last = parts[parts.length - 1];
  return last && !/^[A-Za-z]:$/.test(last) ? last : null;
}

/** Tags from a record of optional strings: empty values dropped; null when nothing is left. */
export function tagsOf(values: Record<string, string | null | undefined>): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') out[k] = v;
  return Object.keys(out).length > 0 ? out : null;
}

/** An id-like value safe to keep (no spaces, no prose): session ids, versions, enum values. */
export function idLike(v: JsonValue | undefined): string | null {
  if (typeof v === 'string') return /^[\w.:@/+-]{1,128}$/.test(v) ? v : null;
  if (v instanceof JsonNum) return v.text;
  return null;
}

/**
 * The objects of a JSONL log with their lines. `needed`: only lines matching it are parsed (the rest is a
 * skip row, never parsed: prose stays prose). A line that is not JSON or not an object is an error row
 * naming the line, except an unterminated LAST line, which the agent is still writing: skipped, and read
 * whole by the next import. A line past the line cap (kit/lines.ts) is an error row, never parsed.
 */
export async function* jsonlObjects(source: TextSource, signal: AbortSignal | undefined, needed?: RegExp): AsyncIterable<{ line: number; o: JsonObject } | ParsedRow> {
  for await (const l of readTextLines(source, signal)) {
    const { line, complete } = l;
    if (l.tooLong) {
      yield { kind: 'error', line, field: '$', said: tooLongMessage() };
      continue;
    }
    const text = l.text;
    if (text.trim() === '') continue;
    if (needed && !needed.test(text)) {
      yield { kind: 'skip', line, reason: 'no usage' };
      continue;
    }
    try {
      const v = parseJson(text, line);
      if (isObject(v)) yield { line, o: v };
      else yield { kind: 'error', line, field: '$', said: rowSaid('engine.row.lineNotObject') };
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      if (complete) yield { kind: 'error', line, field: e.path, said: e.said };
      else yield { kind: 'skip', line, reason: 'last line still being written' };
    }
  }
}

export function isRow(v: { line: number; o: JsonObject } | ParsedRow): v is ParsedRow {
  return 'kind' in v;
}

/**
 * A cost in US dollars as the tool wrote it (a JSON number or a string like "0.50" / "$0.50"), exact.
 * Missing, null or not a number ("NaN", "Included", "Free"): null, meaning "not recorded" (never $0).
 */
export function recordedUsd(v: JsonValue | undefined, field: string): { nano: bigint; currency: 'USD' } | null {
  let text: string | null = null;
  if (v instanceof JsonNum) text = v.text;
  else if (typeof v === 'string') text = v.trim().replace(/^\$/, '');
  if (text === null || text === '' || !/^-?\d*\.?\d+(?:[eE][+-]?\d+)?$/.test(text)) return null;
  try {
    const nano = parseDecimalToNano(text);
    if (nano < 0n) throw new FieldError(field, 'engine.row.negativeCost', { field, value: text });
    return { nano, currency: 'USD' };
  } catch (e) {
    if (e instanceof MoneyParseError) return null;
    throw e;
  }
}

/** A whole non-negative count from a JSON value (number or numeric string); null when absent. */
export function count(o: JsonObject, key: string, path: string): number | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  const text = v instanceof JsonNum ? v.text : typeof v === 'string' ? v.trim() : null;
  const field = path ? `${path}.${key}` : key;
  if (text === null) throw new FieldError(field, 'engine.row.notNumber', { field });
  if (/^-\d/.test(text)) throw new FieldError(field, 'engine.row.negativeCount', { field, value: text });
  if (!/^\d+(\.0*)?$/.test(text)) throw new FieldError(field, 'engine.row.notWhole', { field, value: text });
  const n = Number.parseInt(text, 10);
  if (!Number.isSafeInteger(n)) throw new FieldError(field, 'engine.row.tooLarge', { field, value: text });
  return n;
}

/** Epoch milliseconds from a JSON number (ms) or an ISO string; null when absent or unreadable. */
export function instantOf(v: JsonValue | undefined): number | null {
  if (v instanceof JsonNum) return /^\d{10,16}$/.test(v.text) ? Number(v.text) : null;
  return typeof v === 'string' ? parseIsoInstant(v) : null;
}

/** Qwen Code's free OAuth tier serves one model alias, `coder-model`, and nothing else serves it. */
export const QWEN_OAUTH_MODEL = 'coder-model';

/**
 * Helpers shared by every format: building FactDrafts, typed cell/field errors, instants, exact token scaling.
 */
import { emptyTokens, type FactDraft, type Granularity, type ServiceTier, type TokenCounts } from '../../../../shared/domain/fact';
import { MoneyParseError, NANO_PER_UNIT, normalizeCurrency, parseDecimalToNano } from '../../../../shared/domain/money';
import type { FileHead, Identification, ParsedRow, RowSaid } from '../types';

/** A row message of the engine catalog with its values. */
export function rowSaid(id: RowSaid['id'], values?: RowSaid['values']): RowSaid {
  return values ? { id, values } : { id };
}

/**
 * Thrown inside a row mapper; the row loop turns it into an error row. Never escapes an importer. What it
 * says is a catalog id with values (`said`); its Error message is only the id.
 */
export class FieldError extends Error {
  readonly said: RowSaid;
  constructor(
    readonly field: string,
    id: RowSaid['id'],
    values?: RowSaid['values'],
  ) {
    super(id);
    this.name = 'FieldError';
    this.said = rowSaid(id, values);
  }
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** A FactDraft with defaults: everything null/zero except what the importer states. */
export function fact(base: Pick<FactDraft, 'identity' | 'start' | 'end' | 'granularity' | 'provider' | 'lineType'> & Partial<FactDraft>): FactDraft {
  // One literal of one shape (every row's draft alike), no defaults made to be overwritten; a field the
  // importer gives as undefined takes its default too.
  const out: FactDraft = {
    identity: base.identity,
    start: base.start,
    end: base.end,
    granularity: base.granularity,
    provider: base.provider,
    account: base.account ?? null,
    project: base.project ?? null,
    apiKey: base.apiKey ?? null,
    member: base.member ?? null,
    tags: base.tags ?? null,
    modelRaw: base.modelRaw ?? null,
    host: base.host ?? null,
    inferenceGeo: base.inferenceGeo ?? null,
    serviceTier: base.serviceTier ?? 'standard',
    contextTier: base.contextTier ?? null,
    lineType: base.lineType,
    tokens: base.tokens ?? emptyTokens(),
    requests: base.requests ?? 0,
    otherUnits: base.otherUnits ?? null,
    billed: base.billed ?? null,
  };
  if (base.recorded !== undefined) out.recorded = base.recorded;
  if (base.plan !== undefined) out.plan = base.plan;
  return out;
}

/** The grain of a bucket from its width: a month, a day, an hour, or finer (a request). */
export function granularityOf(startMs: number, endMs: number): Granularity {
  const width = endMs - startMs;
  if (width >= 28 * DAY_MS) return 'month';
  if (width >= DAY_MS) return 'day';
  if (width >= HOUR_MS) return 'hour';
  return 'request'; // 1-minute buckets: the finest grain the ledger has
}

export function tokens(partial: Partial<TokenCounts>): TokenCounts {
  return { ...emptyTokens(), ...partial };
}

/** Identity tuple: a format-family prefix then the parts, '|'-joined; null/undefined become ''. */
export function identity(prefix: string, ...parts: Array<string | number | boolean | null | undefined>): string {
  let out = prefix;
  for (const p of parts) out += p === null || p === undefined ? '|' : `|${p}`;
  return out;
}

/** Signature match: every signature column present (case-insensitive), else a score and what is missing. */
export function matchColumns(head: FileHead, signature: readonly string[]): Identification {
  if (!head.csvHeader) return { match: false, score: 0, missing: [...signature] };
  const have = new Set(head.csvHeader.map((h) => h.toLowerCase()));
  const missing = signature.filter((s) => !have.has(s.toLowerCase()));
  if (missing.length === 0) return { match: true };
  return { match: false, score: (signature.length - missing.length) / signature.length, missing };
}

/** `"key"` then a colon, per key (compiled once): only for a key holding a quote, which jsonKeys cannot list. */
const keyPatterns = new Map<string, RegExp>();
function keyPattern(k: string): RegExp {
  let re = keyPatterns.get(k);
  if (!re) keyPatterns.set(k, (re = new RegExp(`"${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`)));
  return re;
}

/** Whitespace then a colon, from lastIndex (the `\s*:` after a quoted key). */
const COLON_AFTER = /\s*:/y;

/**
 * Every quote-free string of the text written as a key: between two consecutive quotes and followed by
 * whitespace and a colon. A quote-free key `k` is in it exactly when `"k"\s*:` matches the text (such a
 * match's quotes are two consecutive ones), so every importer asks one pass over the head instead of a
 * search of its 64 KB per key it lacks (500 session logs x the JSON formats: 0.6 s of an import).
 */
function jsonKeys(text: string): Set<string> {
  const keys = new Set<string>();
  let open = text.indexOf('"');
  while (open >= 0) {
    const close = text.indexOf('"', open + 1);
    if (close < 0) break;
    const c = text.charCodeAt(close + 1);
    if (c === 58) keys.add(text.slice(open + 1, close));
    else if (!(c > 32 && c < 127)) {
      COLON_AFTER.lastIndex = close + 1;
      if (COLON_AFTER.test(text)) keys.add(text.slice(open + 1, close));
    }
    open = close;
  }
  return keys;
}

/** Each head's keys, found once: every importer asks the same head object (identify). */
const headKeys = new WeakMap<FileHead, Set<string>>();

/**
 * Whether `k` appears in the head's text as a key (`"k"` then optional whitespace and a colon): the
 * pattern `"k"\s*:` (k's characters taken literally) answers on the head's text, from the head's keys
 * found once: an importer's identify asks this instead of searching the 64 KB head again per key.
 */
export function hasKey(head: FileHead, k: string): boolean {
  if (k.includes('"')) return keyPattern(k).test(head.text);
  let keys = headKeys.get(head);
  if (!keys) headKeys.set(head, (keys = jsonKeys(head.text)));
  return keys.has(k);
}

/** Signature match for JSON text: every marker (a quoted key or a literal) appears in the head. */
export function matchJsonKeys(head: FileHead, keys: readonly string[], opts: { jsonl?: boolean } = {}): Identification {
  const text = head.text.trimStart();
  const isJson = text.startsWith('{') || text.startsWith('[');
  if (!isJson || head.csvHeader) return { match: false, score: 0, missing: [...keys] };
  if (opts.jsonl !== undefined) {
    const nl = text.indexOf('\n');
    const firstLine = (nl < 0 ? text : text.slice(0, nl)).trim();
    const oneObjectPerLine = firstLine.startsWith('{') && firstLine.endsWith('}');
    if (opts.jsonl !== oneObjectPerLine) return { match: false, score: 0.1, missing: [opts.jsonl ? 'one JSON object per line' : 'a JSON document'] };
  }
  const missing = keys.filter((k) => !hasKey(head, k));
  if (missing.length === 0) return { match: true };
  return { match: false, score: (keys.length - missing.length) / keys.length, missing };
}

// ---- instants -------------------------------------------------------------------------------

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})?$/;

function checkedUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | null {
  // Years 0-99 are 1900-1999 to Date.UTC: not the year written.
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s, ms);
}

/** Days of month `mo` (1-12) of year `y` in the proleptic Gregorian calendar, as Date counts them. */
function daysInMonth(y: number, mo: number): number {
  if (mo !== 2) return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
}

/**
 * ISO-like instants: 'YYYY-MM-DD', 'YYYY-MM-DDTHH:MM:SS(.fff)(Z|±HH:MM)', 'YYYY-MM-DD HH:MM:SS.mmm' and
 * '… UTC'. A time without zone is UTC (OpenRouter CSV, BigQuery). Returns null when it is not a valid instant.
 */
export function parseIsoInstant(text: string): number | null {
  const t = fixedInstant(text);
  return t !== undefined ? t : isoByPattern(text);
}

/** Digits [at, at + n) of `s` as a number; -1 when one is not an ASCII digit. */
function digitsAt(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The fixed layouts agents' logs and most exports write, one per record: 'YYYY-MM-DDTHH:MM:SS' or
 * 'YYYY-MM-DD HH:MM:SS', then an optional '.f…' and an optional 'Z', read by position without the
 * pattern: the instant isoByPattern gives, or undefined for any other text (then it decides).
 */
function fixedInstant(s: string): number | null | undefined {
  const n = s.charCodeAt(s.length - 1) === 90 ? s.length - 1 : s.length; // the text before a final 'Z'
  const sep = s.charCodeAt(10);
  if (n < 19 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || (sep !== 84 && sep !== 32) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  let ms = 0;
  if (n > 19) {
    if (n === 20 || s.charCodeAt(19) !== 46 || digitsAt(s, 20, n - 20) < 0) return undefined;
    for (let i = 20; i < 23; i++) ms = ms * 10 + (i < n ? s.charCodeAt(i) - 48 : 0);
  }
  const y = digitsAt(s, 0, 4);
  const mo = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  const h = digitsAt(s, 11, 2);
  const mi = digitsAt(s, 14, 2);
  const sec = digitsAt(s, 17, 2);
  if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) return undefined;
  return checkedUtc(y, mo, d, h, mi, sec, ms);
}

/** parseIsoInstant by its pattern alone (tests hold the quick reading to it). */
export function isoByPattern(text: string): number | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const frac = m[7] ? Number((m[7] + '000').slice(0, 3)) : 0;
  const t = checkedUtc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), frac);
  if (t === null) return null;
  const zone = m[8];
  if (!zone || zone === 'Z' || zone === 'UTC') return t;
  const zm = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  const offset = (Number(zm[2]) * 60 + Number(zm[3])) * 60_000 * (zm[1] === '-' ? -1 : 1);
  return t - offset;
}

/** 'MM/DD/YYYY' (Azure), UTC midnight. */
export function parseMdy(text: string): number | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  return m ? checkedUtc(Number(m[3]), Number(m[1]), Number(m[2]), 0, 0, 0, 0) : null;
}

/** 'YYYYMMDD' or 'YYYY-MM-DD' (DeepSeek utc_date), UTC midnight. */
export function parseCompactDate(text: string): number | null {
  const t = text.trim();
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return checkedUtc(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, 0, 0);
  return /^\d{4}-\d{2}-\d{2}$/.test(t) ? parseIsoInstant(t) : null;
}

// ---- numbers --------------------------------------------------------------------------------

/**
 * A decimal quantity times an integer multiplier, as an integer token count: '29.481' x 1000 = 29481.
 * Exact (bigint), rounded half away from zero when the product has a fraction (a bill rounding a quantity).
 */
export function scaleToInteger(text: string, multiplier: number, decimalComma = false): number {
  const nano = parseDecimalToNano(text, { decimalComma }) * BigInt(multiplier);
  const q = nano / NANO_PER_UNIT;
  const r = nano % NANO_PER_UNIT;
  const abs = r < 0n ? -r : r;
  return Number(q + (abs * 2n >= NANO_PER_UNIT ? (nano < 0n ? -1n : 1n) : 0n));
}

/** Parse money text or throw a FieldError naming the field. */
export function moneyOrThrow(field: string, text: string, opts: { decimalComma?: boolean; divideBy100?: boolean } = {}): bigint {
  try {
    const nano = parseDecimalToNano(text, { decimalComma: opts.decimalComma ?? false });
    if (!opts.divideBy100) return nano;
    // Cents -> units, rounded half away from zero at 1e-9.
    const q = nano / 100n;
    const r = nano % 100n;
    const abs = r < 0n ? -r : r;
    return q + (abs >= 50n ? (nano < 0n ? -1n : 1n) : 0n);
  } catch (e) {
    if (e instanceof MoneyParseError) throw new FieldError(field, 'engine.row.notAmount', { value: text });
    throw e;
  }
}

export function currencyOrThrow(field: string, text: string): string {
  try {
    return normalizeCurrency(text);
  } catch {
    throw new FieldError(field, 'engine.row.notCurrency', { value: text });
  }
}

/** Service tiers as vendors write them. */
export function serviceTierOf(raw: string | null | undefined, batch = false): ServiceTier {
  if (batch) return 'batch';
  const t = (raw ?? '').trim().toLowerCase();
  if (t.startsWith('batch')) return 'batch';
  if (t.startsWith('flex')) return 'flex';
  if (t.startsWith('priority') || t === 'scale') return 'priority';
  return 'standard';
}

/** Run a row mapper, pushing its rows to `out`; a FieldError it throws becomes an error row at `line`. */
export function guard(line: number, map: () => ParsedRow | ParsedRow[] | null, out: ParsedRow[]): void {
  let mapped: ParsedRow | ParsedRow[] | null;
  try {
    mapped = map();
  } catch (e) {
    if (e instanceof FieldError) {
      out.push({ kind: 'error', line, field: e.field, said: e.said });
      return;
    }
    throw e;
  }
  if (mapped === null) return;
  if (Array.isArray(mapped)) for (const r of mapped) out.push(r);
  else out.push(mapped);
}

export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('Import cancelled');
}

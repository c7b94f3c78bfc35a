/**
 * The importer a saved column mapping profile becomes (shared/domain/csv-mapping.ts).
 * It is data-driven: the profile names the columns. It claims a file only when the file's header is the
 * profile's (same cells in the same order, same delimiter), and only when no built-in format claims it
 * (`fallback`: see imports/identify.ts). Row identity: the profile's identity columns, else a hash
 * of the whole row; prefixed with the header's hash, so a profile saved again for the same header keeps
 * recognizing (and revising) the rows it imported before.
 */
import { createHash } from 'node:crypto';
import { english } from '../../../../shared/i18n/english';
import { said, type Said } from '../../../../shared/i18n/said';
import type { FactDraft, Granularity } from '../../../../shared/domain/fact';
import { wallClockToInstant } from '../../../../shared/domain/time';
import { headerKey, mappingFormatId, normalizeHeaderCell, type MappingProfile, type MappingProfileDraft, type TimeFormat } from '../../../../shared/domain/csv-mapping';
import { currencyOrThrow, DAY_MS, fact, FieldError, HOUR_MS, identity, rowSaid, tokens } from '../../importers/kit/common';
import { CsvRow, intCell, moneyCell, parseCsv, textCell } from '../../importers/kit/csv';
import type { FileHead, Identification, Importer, RowSaid } from '../../importers/types';

// ---- times --------------------------------------------------------------------------------------

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function wallMs(w: Wall): number | null {
  const t = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s, w.ms);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== w.y || dt.getUTCMonth() !== w.mo - 1 || dt.getUTCDate() !== w.d || w.h > 23 || w.mi > 59 || w.s > 59) return null;
  return t;
}

const ISO_LIKE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;
const DAY_FIRST = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const MONTH_FIRST = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*(AM|PM)?)?$/i;

/** A time cell as a UTC instant (epoch ms), or null when it is not written in `format`. */
export function parseTime(text: string, format: TimeFormat, zone: string): number | null {
  const t = text.trim();
  if (format === 'epoch-s' || format === 'epoch-ms') {
    if (!/^\d+(\.\d+)?$/.test(t)) return null;
    const [whole, frac = ''] = t.split('.');
    if (format === 'epoch-ms') return Number(whole);
    return Number(whole) * 1000 + Number((frac + '000').slice(0, 3));
  }
  let w: Wall;
  let zoneOffset: number | null = null;
  if (format === 'iso') {
    const m = ISO_LIKE.exec(t);
    if (!m) return null;
    w = { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +(m[4] ?? 0), mi: +(m[5] ?? 0), s: +(m[6] ?? 0), ms: m[7] ? Number((m[7] + '000').slice(0, 3)) : 0 };
    const z = m[8]?.toUpperCase();
    if (z === 'Z' || z === 'UTC') zoneOffset = 0;
    else if (z) {
      const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(z)!;
      zoneOffset = (Number(zm[2]) * 60 + Number(zm[3] ?? 0)) * 60_000 * (zm[1] === '-' ? -1 : 1);
    }
  } else if (format === 'mdy') {
    const m = MONTH_FIRST.exec(t);
    if (!m) return null;
    let h = +(m[4] ?? 0);
    const ampm = m[7]?.toUpperCase();
    if (ampm) {
      if (h < 1 || h > 12) return null;
      h = (h % 12) + (ampm === 'PM' ? 12 : 0);
    }
    w = { y: +m[3]!, mo: +m[1]!, d: +m[2]!, h, mi: +(m[5] ?? 0), s: +(m[6] ?? 0), ms: 0 };
  } else {
    const m = DAY_FIRST.exec(t);
    if (!m) return null;
    w = { y: +m[3]!, mo: +m[2]!, d: +m[1]!, h: +(m[4] ?? 0), mi: +(m[5] ?? 0), s: +(m[6] ?? 0), ms: 0 };
  }
  const wall = wallMs(w);
  if (wall === null) return null;
  return zoneOffset === null ? wallClockToInstant(wall, zone) : wall - zoneOffset;
}

const FORMAT_EXAMPLES: Record<TimeFormat, RowSaid['id']> = {
  iso: 'engine.row.expect.dayOrIso',
  'epoch-s': 'engine.row.expect.unixSeconds',
  'epoch-ms': 'engine.row.expect.unixMillis',
  mdy: 'engine.row.expect.mdy',
  dmy: 'engine.row.expect.dmy',
};

function endOf(start: number, granularity: Granularity): number {
  if (granularity === 'request') return start + 1;
  if (granularity === 'hour') return start + HOUR_MS;
  if (granularity === 'day') return start + DAY_MS;
  const d = new Date(start);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}

// ---- the importer -------------------------------------------------------------------------------

/** How close a file's header is to the profile's: shared columns, and what the file lacks. */
function compareHeader(profile: MappingProfileDraft, head: FileHead): Identification {
  const cells = profile.header.map((h) => h.trim());
  if (!head.csvHeader) return { match: false, score: 0, missing: cells };
  if (head.delimiter === profile.delimiter && headerKey(head.csvHeader, head.delimiter) === headerKey(profile.header, profile.delimiter)) return { match: true };
  const have = new Set(head.csvHeader.map(normalizeHeaderCell));
  const want = new Set(profile.header.map(normalizeHeaderCell));
  const missing = cells.filter((c) => !have.has(normalizeHeaderCell(c)));
  const extra = head.csvHeader.filter((c) => !want.has(normalizeHeaderCell(c)));
  const shared = cells.length - missing.length;
  const score = shared / Math.max(cells.length, head.csvHeader.length);
  const needs = [...missing];
  if (extra.length > 0) needs.push(`no other columns (this file also has ${extra.join(', ')})`);
  if (needs.length === 0) needs.push(head.delimiter !== profile.delimiter ? `the delimiter "${profile.delimiter === '\t' ? 'tab' : profile.delimiter}"` : `the columns in the order ${cells.join(', ')}`);
  // Never a match by score: a profile claims only its exact header.
  return { match: false, score: Math.min(score, 0.99), missing: needs };
}

function rowHash(fields: readonly string[]): string {
  return createHash('sha256').update(fields.map((f) => f.trim()).join('\u0001')).digest('hex').slice(0, 32);
}

/** The fact of one row, by the profile's roles. Cell readers throw FieldErrors naming the file's column. */
function mapRow(profile: MappingProfileDraft, prefix: string, row: CsvRow): FactDraft | null {
  if (row.isEmpty()) return null;
  const r = profile.roles;
  const when = (column: string): number => {
    const raw = textCell(row, column);
    if (raw === null) throw new FieldError(column, 'engine.row.emptyExpectedDate', { field: column });
    const t = parseTime(raw, r.time.format, r.time.timeZone);
    if (t === null) throw new FieldError(column, 'engine.row.notDateExpected', { field: column, value: raw, expected: rowSaid(FORMAT_EXAMPLES[r.time.format]) });
    return t;
  };
  const count = (column: string | null): number => (column === null ? 0 : (intCell(row, column, { optional: true }) ?? 0));
  const start = when(r.time.start);
  const end = r.time.end === null || textCell(row, r.time.end) === null ? endOf(start, r.time.granularity) : when(r.time.end);
  if (end < start) throw new FieldError(r.time.end ?? r.time.start, 'engine.row.endBeforeStart', { end: String(r.time.end), endAt: new Date(end).toISOString(), start: r.time.start, startAt: new Date(start).toISOString() });

  const t = r.tokens;
  const cacheRead = count(t.cacheRead);
  let input = count(t.input);
  if (t.inputIncludesCached && t.input !== null && t.cacheRead !== null) {
    if (input < cacheRead) throw new FieldError(t.input, 'engine.row.inputBelowCached', { field: t.input, value: input, cached: t.cacheRead, cachedValue: cacheRead });
    input -= cacheRead;
  }
  const output = count(t.output);
  const reasoning = count(t.reasoning);
  if (t.reasoning !== null && reasoning > output) throw new FieldError(t.reasoning, 'engine.row.reasoningAboveOutput', { field: t.reasoning, value: reasoning, output: String(t.output), outputValue: output });
  const hasTokens = [t.input, t.cacheRead, t.cacheWrite, t.output, t.reasoning].some((c) => c !== null);

  let billed: FactDraft['billed'] = null;
  if (r.cost !== null) {
    const nano = moneyCell(row, r.cost, { optional: true });
    if (nano !== null) {
      let currency: string;
      if (r.currencyColumn !== null) {
        const c = textCell(row, r.currencyColumn);
        if (c === null && r.currency === null) throw new FieldError(r.currencyColumn, 'engine.row.emptyCurrency', { field: r.currencyColumn });
        currency = c === null ? r.currency! : currencyOrThrow(r.currencyColumn, c);
      } else {
        currency = r.currency!;
      }
      billed = { nano, currency };
    }
  }
  const requests = r.requests !== null ? count(r.requests) : r.time.granularity === 'request' ? 1 : 0;
  const idCells = r.identity.map((c) => textCell(row, c));
  if (idCells.length > 0 && idCells.every((v) => v === null)) throw new FieldError(r.identity[0]!, 'engine.row.emptyIdentity', { field: r.identity[0]! });
  const id = idCells.length > 0 ? identity(prefix, ...idCells) : identity(prefix, rowHash(row.fields));
  const cell = (column: string | null) => (column === null ? null : textCell(row, column));
  return fact({
    identity: id,
    start,
    end: Math.max(end, start + (r.time.granularity === 'request' ? 1 : 0)),
    granularity: r.time.granularity,
    provider: r.provider,
    lineType: hasTokens ? 'usage' : 'cost',
    modelRaw: cell(r.model),
    project: cell(r.project),
    apiKey: cell(r.apiKey),
    member: cell(r.member),
    account: cell(r.account),
    tokens: tokens({ input, cache_read: cacheRead, cache_write_5m: count(t.cacheWrite), output, reasoning }),
    requests,
    billed,
  });
}

/** An Importer from a profile (saved, with an id; or a draft the wizard dry-runs, with id 0). */
/** A profile's importer: its label is made of words, so it carries the label as a message too. */
export type ProfileImporter = Importer & { labelSaid: Said };

/** An importer's label as a message of the engine catalog, where it has one (a column mapping's). */
export function labelSaidOf(importer: Importer | null | undefined): Said | undefined {
  return importer && 'labelSaid' in importer ? (importer as ProfileImporter).labelSaid : undefined;
}

/** `{ [key]: the label's message }` to spread into an answer, or nothing when the label has none. */
export function labelSaidAs<K extends 'formatSaid' | 'labelSaid'>(key: K, importer: Importer | null | undefined): Partial<Record<K, Said>> {
  const s = labelSaidOf(importer);
  return s ? ({ [key]: s } as Partial<Record<K, Said>>) : {};
}

export function profileImporter(profile: MappingProfileDraft & { id?: number }): ProfileImporter {
  const key = headerKey(profile.header, profile.delimiter);
  const prefix = `csvmap|${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  const r = profile.roles;
  const hasTokens = [r.tokens.input, r.tokens.cacheRead, r.tokens.cacheWrite, r.tokens.output, r.tokens.reasoning].some((c) => c !== null);
  return {
    id: mappingFormatId(profile.id ?? 0),
    label: english(said('engine.import.mappingLabel', { name: profile.name })),
    labelSaid: said('engine.import.mappingLabel', { name: profile.name }),
    provider: r.provider,
    signature: profile.header,
    grain: hasTokens ? r.time.granularity : 'cost',
    fallback: true,
    identify: (head) => compareHeader(profile, head),
    parse: (source, ctx) =>
      parseCsv(source, { ...ctx, delimiter: profile.delimiter, decimalComma: r.decimalComma }, (row) => {
        const f = mapRow(profile, prefix, row);
        return f === null ? null : { kind: 'fact', line: row.line, fact: f };
      }),
  };
}

/** The importers of saved profiles. */
export function profileImporters(profiles: readonly MappingProfile[]): Importer[] {
  return profiles.map((p) => profileImporter(p));
}

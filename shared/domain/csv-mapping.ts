/**
 * Column mapping profiles for CSV exports no built-in format reads: which column
 * holds the time, the model, each token class, the cost...; a saved profile claims every later file whose
 * header is the same (same columns in the same order, same delimiter). Pure: the engine parses with it
 * (electron/engine/imports/mappings/profile-importer.ts), the wizard (renderer/src/components/import-mapping*.tsx)
 * edits it, and both check it with `mappingProblems`.
 */
import { isTimeZone } from './time';
import { said, type Said } from '../i18n/said';
import { GRANULARITIES, type Granularity } from './fact';

/** How the time cells are written. Times without a zone are read in the profile's time zone. */
export const TIME_FORMATS = ['iso', 'epoch-s', 'epoch-ms', 'mdy', 'dmy'] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

export const TIME_FORMAT_LABELS: Record<TimeFormat, string> = {
  iso: 'ISO 8601 or YYYY-MM-DD',
  'epoch-s': 'Unix time, seconds',
  'epoch-ms': 'Unix time, milliseconds',
  mdy: 'MM/DD/YYYY (optional time)',
  dmy: 'DD.MM.YYYY or DD/MM/YYYY',
};

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** What a profile says about the columns (names as the file's header writes them) and the fixed values. */
export interface MappingRoles {
  time: {
    start: string;
    /** null: the end is start + the granularity (a request: start + 1 ms). */
    end: string | null;
    format: TimeFormat;
    /** IANA zone ('Europe/Berlin') or 'UTC', for times written without a zone. */
    timeZone: string;
    granularity: Granularity;
  };
  /** Who billed it: a fixed value ('internal-gateway', 'openai'...). */
  provider: string;
  model: string | null;
  tokens: {
    input: string | null;
    /** The input column counts cached tokens too (OpenAI's prompt_tokens): the cache-read column is subtracted. */
    inputIncludesCached: boolean;
    cacheRead: string | null;
    cacheWrite: string | null;
    output: string | null;
    /** A part of output, never added to it. */
    reasoning: string | null;
  };
  /** null: one request per row when the granularity is 'request', else none counted. */
  requests: string | null;
  cost: string | null;
  /** The currency per row from a column, or `currency` for every row. */
  currencyColumn: string | null;
  currency: string | null;
  decimalComma: boolean;
  project: string | null;
  apiKey: string | null;
  member: string | null;
  account: string | null;
  /** Columns that identify a row across exports (a request id); empty: a hash of the whole row. */
  identity: string[];
}

export interface MappingProfileDraft {
  name: string;
  /** The header as the file writes it. */
  header: string[];
  delimiter: Delimiter;
  roles: MappingRoles;
}

export interface MappingProfile extends MappingProfileDraft {
  id: number;
  /** Format id stored on the batches the profile imports: 'csv-mapping-<id>'. */
  formatId: string;
  createdAt: string;
  updatedAt: string;
}

export function mappingFormatId(id: number): string {
  return `csv-mapping-${id}`;
}

/** A header cell as compared: BOM and quotes removed, trimmed, lower case. */
export function normalizeHeaderCell(cell: string): string {
  return cell.replace(/^\uFEFF/, '').trim().replace(/^"|"$/g, '').trim().toLowerCase();
}

/** The key two headers share when a profile applies to both: delimiter and normalized cells in order. */
export function headerKey(header: readonly string[], delimiter: string): string {
  return [delimiter === '\t' ? 'tab' : delimiter, ...header.map(normalizeHeaderCell)].join('\u0001');
}

/** Every column the roles name, with the role it plays (for checks and for the wizard's table). */
export function roleColumns(r: MappingRoles): Array<{ role: string; column: string }> {
  const out: Array<{ role: string; column: string }> = [];
  const add = (role: string, column: string | null) => {
    if (column !== null) out.push({ role, column });
  };
  add('start time', r.time.start);
  add('end time', r.time.end);
  add('model', r.model);
  add('input tokens', r.tokens.input);
  add('cache read tokens', r.tokens.cacheRead);
  add('cache write tokens', r.tokens.cacheWrite);
  add('output tokens', r.tokens.output);
  add('reasoning tokens', r.tokens.reasoning);
  add('requests', r.requests);
  add('cost', r.cost);
  add('currency', r.currencyColumn);
  add('project', r.project);
  add('API key', r.apiKey);
  add('member', r.member);
  add('account', r.account);
  for (const c of r.identity) add('identity', c);
  return out;
}

export const PROVIDER_PATTERN = /^[a-z0-9][a-z0-9._-]{0,59}$/;

/** What keeps a profile from being saved, as messages of the engine catalog; empty when it can be. */
export function mappingProblems(p: MappingProfileDraft): Said[] {
  const problems: Said[] = [];
  const r = p.roles;
  if (!p.name.trim()) problems.push(said('engine.mapping.noName'));
  const have = new Set(p.header.map(normalizeHeaderCell));
  if (have.size !== p.header.length) problems.push(said('engine.mapping.headerTwice'));
  for (const { role, column } of roleColumns(r)) {
    if (!have.has(normalizeHeaderCell(column))) problems.push(said('engine.mapping.notInHeader', { role, column }));
  }
  if (!r.time.start) problems.push(said('engine.mapping.noStart'));
  if (!isTimeZone(r.time.timeZone)) problems.push(said('engine.mapping.badZone', { zone: r.time.timeZone }));
  if (!(GRANULARITIES as readonly string[]).includes(r.time.granularity)) problems.push(said('engine.mapping.badGranularity', { granularity: r.time.granularity }));
  if (!PROVIDER_PATTERN.test(r.provider)) problems.push(said('engine.mapping.badProvider'));
  const t = r.tokens;
  const tokenColumns = [t.input, t.cacheRead, t.cacheWrite, t.output, t.reasoning].filter((c) => c !== null);
  if (tokenColumns.length === 0 && r.cost === null) problems.push(said('engine.mapping.noFigures'));
  if (t.inputIncludesCached && t.cacheRead === null) problems.push(said('engine.mapping.needCacheRead'));
  if (t.inputIncludesCached && t.input === null) problems.push(said('engine.mapping.needInput'));
  if (t.reasoning !== null && t.output === null) problems.push(said('engine.mapping.needOutput'));
  if (r.cost !== null && r.currencyColumn === null && r.currency === null) problems.push(said('engine.mapping.needCurrency'));
  if (r.currency !== null && !/^[A-Z]{3}$/.test(r.currency)) problems.push(said('engine.mapping.badCurrency', { currency: r.currency }));
  const single = roleColumns(r).filter((c) => c.role !== 'identity');
  const seen = new Map<string, string>();
  for (const { role, column } of single) {
    const k = normalizeHeaderCell(column);
    const other = seen.get(k);
    if (other !== undefined) problems.push(said('engine.mapping.chosenTwice', { column, other, role }));
    else seen.set(k, role);
  }
  return problems;
}

// ---- suggestions from header names and sample values -----------------------------------------------

function words(cell: string): string {
  return normalizeHeaderCell(cell).replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

/** The first header cell whose normalized name matches, not already taken. */
function pick(header: readonly string[], taken: Set<string>, ...patterns: RegExp[]): string | null {
  for (const re of patterns) {
    for (const h of header) {
      if (taken.has(h)) continue;
      if (re.test(words(h))) {
        taken.add(h);
        return h;
      }
    }
  }
  return null;
}

function guessTimeFormat(samples: readonly string[]): TimeFormat {
  const vals = samples.map((s) => s.trim()).filter((s) => s !== '');
  if (vals.length === 0) return 'iso';
  if (vals.every((v) => /^\d{12,14}$/.test(v))) return 'epoch-ms';
  if (vals.every((v) => /^\d{9,11}(\.\d+)?$/.test(v))) return 'epoch-s';
  if (vals.every((v) => /^\d{1,2}\.\d{1,2}\.\d{4}/.test(v))) return 'dmy';
  if (vals.every((v) => /^\d{1,2}\/\d{1,2}\/\d{4}/.test(v))) {
    return vals.some((v) => Number(v.split('/')[0]) > 12) ? 'dmy' : 'mdy';
  }
  return 'iso';
}

function currencyFromName(cell: string | null): string | null {
  if (cell === null) return null;
  const m = /(?:^|_)(usd|eur|gbp|cny|rmb|jpy|chf|cad|aud|inr|krw)(?:_|$)/.exec(words(cell));
  if (!m) return null;
  return m[1] === 'rmb' ? 'CNY' : m[1]!.toUpperCase();
}

/**
 * Roles guessed from header names (and the first rows' values for the time format, date-only days and
 * decimal commas). A guess for the wizard to start from, never applied without the user saving it.
 */
export function suggestRoles(header: readonly string[], rows: readonly (readonly string[])[], delimiter: string): MappingRoles {
  const taken = new Set<string>();
  const col = (name: string | null) => (name === null ? [] : rows.map((r) => r[header.indexOf(name)] ?? ''));
  const identity = pick(header, taken, /^(request|generation|call|response|message|event|log|trace)_?id$/, /^id$/, /^uuid$/);
  const end = pick(header, taken, /^(end|finish|completed|ended)_?(time|at|timestamp|date)?$/, /end_?time/);
  const start =
    pick(header, taken, /^(start|started|created|request)_?(time|at|timestamp)$/, /^(timestamp|time|datetime|date_?time|ts)$/, /^(date|day|usage_?date)$/, /time|date/) ?? '';
  const startSamples = col(start || null);
  const dateOnly = startSamples.length > 0 && startSamples.every((v) => /^\d{4}-\d{2}-\d{2}$|^\d{1,2}[./]\d{1,2}[./]\d{4}$/.test(v.trim()));
  const reasoning = pick(header, taken, /reasoning|thinking/);
  const cacheWrite = pick(header, taken, /cache_?(write|creation|created)/);
  const cacheRead = pick(header, taken, /cache_?(read|hit)/, /^cached(_input|_prompt)?(_tokens)?$/, /cached/);
  const uncached = pick(header, taken, /uncached/);
  const input = uncached ?? pick(header, taken, /^(prompt|input|in)(_tokens?)?$/, /prompt_?tokens|input_?tokens/, /prompt|input/);
  const output = pick(header, taken, /^(completion|output|response|out)(_tokens?)?$/, /completion|output/);
  const requests = pick(header, taken, /^(requests?|request_count|num_requests|calls|call_count)$/);
  const cost = pick(header, taken, /^(cost|spend|amount|price|charge|total_cost)(_[a-z]{3})?$/, /^(usd|eur|gbp|cny|rmb|jpy|chf|cad|aud|inr|krw)$/, /cost|spend|amount|charge/);
  const currencyColumn = pick(header, taken, /^currency(_code)?$/);
  const model = pick(header, taken, /^model(_name)?$/, /model/);
  const project = pick(header, taken, /project|team|workspace|department/);
  const apiKey = pick(header, taken, /api_?key|key_?(name|id|alias)|^key$/);
  const member = pick(header, taken, /^(user|member|email|owner|user_?(id|name|email))$/, /user|member/);
  const account = pick(header, taken, /account|organi[sz]ation|^org/);
  const costSamples = col(cost);
  const decimalComma = delimiter === ';' || (costSamples.length > 0 && costSamples.some((v) => /^-?\d+,\d+$/.test(v.trim())));
  return {
    time: { start, end, format: guessTimeFormat(startSamples), timeZone: 'UTC', granularity: dateOnly ? 'day' : 'request' },
    provider: 'custom',
    model,
    tokens: {
      input,
      // OpenAI-style prompt tokens count the cached ones; a column named "uncached" does not.
      inputIncludesCached: input !== null && uncached === null && cacheRead !== null && /prompt/.test(words(input)),
      cacheRead,
      cacheWrite,
      output,
      reasoning,
    },
    requests,
    cost,
    currencyColumn,
    currency: currencyColumn === null && cost !== null ? (currencyFromName(cost) ?? 'USD') : null,
    decimalComma,
    project,
    apiKey,
    member,
    account,
    identity: identity === null ? [] : [identity],
  };
}

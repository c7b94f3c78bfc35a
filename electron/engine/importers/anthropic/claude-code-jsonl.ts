/**
 * Claude Code session logs (~/.claude/projects/<cwd>/<session>.jsonl).
 * Only assistant lines with message.usage are facts. A message streamed as several lines repeats its usage:
 * identity = message.id + requestId (message.id alone when there is no requestId) and mergeDuplicate keeps
 * the last line unless an earlier one counted more tokens. '<synthetic>' (local error messages) is skipped.
 * costUSD (legacy versions) is Claude Code's own estimate, not a bill: it is not used as `billed`.
 *
 * Every line is parsed (a broken line is an error naming it, whatever it held). A usage line whose fields
 * are all of the usual kinds (strings, whole counts) becomes its fact straight from JSON.parse's value;
 * any other line goes through the JSON kit's typed reads, which say what is wrong and where.
 */
import { totalTokens, type FactDraft, type ServiceTier, type TokenCounts } from '../../../../shared/domain/fact';
import { FieldError, matchJsonKeys, parseIsoInstant, rowSaid, serviceTierOf } from '../kit/common';
import { guardJson, isObject, onlySafeIntegers, optInt, optString, parseJsonLine, reqInstant, reqInt, reqString, JsonSyntaxError, type JsonObject, type JsonValue } from '../kit/json';
import { batchedRows, readLineBatches, tooLongMessage } from '../kit/lines';
import { qwenMarked } from '../kit/agent-markers';
import type { Importer, ParseContext, ParsedRow, TextSource } from '../types';

const SIGNATURE = ['sessionId', 'uuid', 'type', 'message', 'timestamp'] as const;
const TAG_KEYS = ['sessionId', 'gitBranch', 'version'] as const;

type Plain = Record<string, unknown>;
const plainObject = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

const noUsage = (line: number, type: string): ParsedRow => ({ kind: 'skip', line, reason: `${type || 'untyped'} line (no usage)` });
const synthetic = (line: number): ParsedRow => ({ kind: 'skip', line, reason: 'synthetic message (local error, no API call)' });

/** The fact of a usage line read by the JSON kit's typed reads (every field's error named). */
function usageFact(v: JsonObject, message: JsonObject, line: number): ParsedRow[] {
  return guardJson(v, line, () => {
    const usage = message.usage as JsonObject;
    const up = 'message.usage';
    const msgId = reqString(message, 'id', 'message');
    const requestId = optString(v, 'requestId', '');
    const start = reqInstant(v, 'timestamp', '');
    const cacheCreation = optInt(usage, 'cache_creation_input_tokens', up) ?? 0;
    const split = isObject(usage.cache_creation) ? usage.cache_creation : null;
    let w5 = cacheCreation;
    let w1 = 0;
    if (split) {
      w1 = optInt(split, 'ephemeral_1h_input_tokens', `${up}.cache_creation`) ?? 0;
      const s5 = optInt(split, 'ephemeral_5m_input_tokens', `${up}.cache_creation`) ?? 0;
      // Anything the split does not account for counts as 5-minute writes.
      w5 = Math.max(s5, cacheCreation - w1);
      if (w1 > cacheCreation && cacheCreation > 0) throw new FieldError(`${up}.cache_creation.ephemeral_1h_input_tokens`, 'engine.row.largerThan', { field: `${up}.cache_creation.ephemeral_1h_input_tokens`, value: w1, other: 'cache_creation_input_tokens', limit: cacheCreation });
    }
    const stu = isObject(usage.server_tool_use) ? usage.server_tool_use : null;
    const webSearch = stu ? (optInt(stu, 'web_search_requests', `${up}.server_tool_use`) ?? 0) : 0;
    const tags: Record<string, string> = {};
    for (const k of TAG_KEYS) {
      const s = optString(v, k, '');
      if (s) tags[k] = s;
    }
    if (v.isSidechain === true) tags.sidechain = 'true';
    return {
      kind: 'fact',
      line,
      fact: claudeFact({
        msgId,
        requestId,
        start,
        tags,
        project: optString(v, 'cwd', ''),
        modelRaw: optString(message, 'model', 'message'),
        serviceTier: optString(usage, 'service_tier', up),
        input: reqInt(usage, 'input_tokens', up),
        cacheRead: optInt(usage, 'cache_read_input_tokens', up) ?? 0,
        w5,
        w1,
        output: reqInt(usage, 'output_tokens', up),
        webSearch,
      }),
    };
  });
}

interface Fields {
  msgId: string;
  requestId: string | null;
  start: number;
  tags: Record<string, string>;
  project: string | null;
  modelRaw: string | null;
  serviceTier: string | null;
  input: number;
  cacheRead: number;
  w5: number;
  w1: number;
  output: number;
  webSearch: number;
}

/** The kit's tokens(): every class, reasoning 0 (fields set in the kit's order). */
class Tokens implements TokenCounts {
  declare readonly input: number;
  declare readonly cache_read: number;
  declare readonly cache_write_5m: number;
  declare readonly cache_write_1h: number;
  declare readonly output: number;
  declare readonly reasoning: number;

  constructor(input: number, cacheRead: number, w5: number, w1: number, output: number) {
    this.input = input;
    this.cache_read = cacheRead;
    this.cache_write_5m = w5;
    this.cache_write_1h = w1;
    this.output = output;
    this.reasoning = 0;
  }
}

/**
 * The draft the kit's fact() gives for a line, with identity('cc', id, requestId): the same fields, values
 * and order. Drafts, their tokens and rows are made by constructors, not object literals: V8 may pretenure a
 * literal's allocations (make them old from then on) when most of them outlive a scavenge, as the drafts of
 * a chunk being filled do (%InYoungGeneration said so of every draft, its tokens, tags and row), and then
 * the parser ran 14-21 full GCs instead of 2 (its GC 0.25-0.39 s instead of 0.10-0.12 s, in 11 of 12
 * imports of 500 session logs; 1 of 6 with constructors).
 */
class ClaudeDraft implements FactDraft {
  declare readonly account: null;
  declare readonly project: string | null;
  declare readonly apiKey: null;
  declare readonly member: null;
  declare readonly tags: Record<string, string> | null;
  declare readonly modelRaw: string | null;
  declare readonly host: null;
  declare readonly inferenceGeo: null;
  declare readonly serviceTier: ServiceTier;
  declare readonly contextTier: null;
  declare readonly tokens: TokenCounts;
  declare readonly requests: number;
  declare readonly otherUnits: Record<string, number> | null;
  declare readonly billed: null;
  declare readonly identity: string;
  declare readonly start: number;
  declare readonly end: number;
  declare readonly granularity: 'request';
  declare readonly provider: string;
  declare readonly lineType: 'usage';

  constructor(f: Fields) {
    this.account = null;
    this.project = f.project;
    this.apiKey = null;
    this.member = null;
    this.tags = Object.keys(f.tags).length ? f.tags : null;
    this.modelRaw = f.modelRaw;
    this.host = null;
    this.inferenceGeo = null;
    this.serviceTier = serviceTierOf(f.serviceTier);
    this.contextTier = null;
    this.tokens = new Tokens(f.input, f.cacheRead, f.w5, f.w1, f.output);
    this.requests = 1;
    this.otherUnits = f.webSearch ? { web_search: f.webSearch } : null;
    this.billed = null;
    this.identity = `cc|${f.msgId}|${f.requestId ?? ''}`;
    this.start = f.start;
    this.end = f.start + 1;
    this.granularity = 'request';
    this.provider = 'claude-code';
    this.lineType = 'usage';
  }
}

/** A fact row (ParsedRow), made by a constructor (see ClaudeDraft). */
class FactRow {
  declare readonly kind: 'fact';
  /** Numbered again by the pipeline when the file is read from an offset. */
  declare line: number;
  declare readonly fact: FactDraft;

  constructor(line: number, fact: FactDraft) {
    this.kind = 'fact';
    this.line = line;
    this.fact = fact;
  }
}

const claudeFact = (f: Fields): FactDraft => new ClaudeDraft(f);

/** Not of the usual kind: the typed reads decide (and name what is wrong). */
const UNUSUAL = Symbol('unusual');

/** A count as the typed reads would give it from a value whose numbers are all safe integers; null when absent. */
function count(v: unknown): number | null | typeof UNUSUAL {
  if (v === undefined || v === null) return null;
  // -0 reads as "0" through the typed reads.
  return typeof v === 'number' && v >= 0 ? v + 0 : UNUSUAL;
}

function text(v: unknown): string | null | typeof UNUSUAL {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : UNUSUAL;
}

/**
 * The fact of a usage line straight from JSON.parse's value (all its numbers safe integers): the same
 * fact usageFact gives, or null when a field is not of the usual kind (then usageFact says what it is).
 */
function quickFact(v: Plain, message: Plain, usage: Plain, line: number): ParsedRow | null {
  const msgId = message.id;
  const requestId = text(v.requestId);
  const timestamp = v.timestamp;
  if (typeof msgId !== 'string' || msgId === '' || requestId === UNUSUAL || typeof timestamp !== 'string') return null;
  const start = parseIsoInstant(timestamp);
  const cacheCreation = count(usage.cache_creation_input_tokens);
  const input = count(usage.input_tokens);
  const output = count(usage.output_tokens);
  const cacheRead = count(usage.cache_read_input_tokens);
  if (start === null || cacheCreation === UNUSUAL || input === UNUSUAL || input === null || output === UNUSUAL || output === null || cacheRead === UNUSUAL) return null;
  let w5 = cacheCreation ?? 0;
  let w1 = 0;
  const split = usage.cache_creation;
  if (plainObject(split)) {
    const h1 = count(split.ephemeral_1h_input_tokens);
    const m5 = count(split.ephemeral_5m_input_tokens);
    if (h1 === UNUSUAL || m5 === UNUSUAL) return null;
    w1 = h1 ?? 0;
    w5 = Math.max(m5 ?? 0, (cacheCreation ?? 0) - w1);
    if (w1 > (cacheCreation ?? 0) && (cacheCreation ?? 0) > 0) return null;
  }
  let webSearch = 0;
  const stu = usage.server_tool_use;
  if (plainObject(stu)) {
    const n = count(stu.web_search_requests);
    if (n === UNUSUAL) return null;
    webSearch = n ?? 0;
  }
  const tags: Record<string, string> = {};
  for (const k of TAG_KEYS) {
    const s = text(v[k]);
    if (s === UNUSUAL) return null;
    if (s) tags[k] = s;
  }
  if (v.isSidechain === true) tags.sidechain = 'true';
  const project = text(v.cwd);
  const modelRaw = text(message.model);
  const serviceTier = text(usage.service_tier);
  if (project === UNUSUAL || modelRaw === UNUSUAL || serviceTier === UNUSUAL) return null;
  return new FactRow(line, claudeFact({ msgId, requestId, start, tags, project, modelRaw, serviceTier, input, cacheRead: cacheRead ?? 0, w5, w1, output, webSearch }));
}

/** One line through the JSON kit (its reader and typed reads): `parsed` is JSON.parse's value when it had one. */
function typedRows(textLine: string, line: number, out: ParsedRow[], parsed?: { value: unknown }): void {
  let v: JsonValue;
  try {
    v = parseJsonLine(textLine, line, parsed);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    out.push({ kind: 'error', line, field: e.path, said: e.said });
    return;
  }
  if (!isObject(v)) {
    out.push({ kind: 'error', line, field: '$', said: rowSaid('engine.row.lineNotObject') });
    return;
  }
  const type = typeof v.type === 'string' ? v.type : '';
  const message = isObject(v.message) ? v.message : null;
  if (type !== 'assistant' || !message || !isObject(message.usage)) out.push(noUsage(line, type));
  else if (message.model === '<synthetic>') out.push(synthetic(line));
  else out.push(...usageFact(v, message, line));
}

/**
 * The rows of one line. `quick: false` reads it only through the JSON kit (what the quick read must
 * always agree with; a test holds them to it).
 */
export function claudeCodeLineRows(textLine: string, line: number, out: ParsedRow[], quick = true): void {
  if (!quick) return typedRows(textLine, line, out);
  let v: unknown;
  try {
    v = JSON.parse(textLine);
  } catch {
    return typedRows(textLine, line, out);
  }
  if (!plainObject(v)) return typedRows(textLine, line, out, { value: v });
  // Whether a line is usage does not depend on how its numbers are read.
  const type = typeof v.type === 'string' ? v.type : '';
  const message = plainObject(v.message) ? v.message : null;
  if (type !== 'assistant' || !message || !plainObject(message.usage)) return void out.push(noUsage(line, type));
  if (message.model === '<synthetic>') return void out.push(synthetic(line));
  const row = onlySafeIntegers(v) ? quickFact(v, message, message.usage, line) : null;
  if (row) out.push(row);
  else typedRows(textLine, line, out, { value: v });
}

async function* claudeCodeBatches(source: TextSource, ctx: ParseContext): AsyncIterable<ParsedRow[]> {
  let lines = 0;
  for await (const batch of readLineBatches(source, ctx.signal)) {
    const out: ParsedRow[] = [];
    for (const l of batch) {
      lines++;
      if (l.tooLong) out.push({ kind: 'error', line: l.line, field: '$', said: tooLongMessage() });
      else if ('text' in l && l.text.trim() !== '') claudeCodeLineRows(l.text, l.line, out);
    }
    if (out.length > 0) yield out;
  }
  if (lines === 0) yield [{ kind: 'error', line: 1, field: '(file)', said: rowSaid('engine.row.fileEmpty') }];
}

export const claudeCodeJsonl: Importer = {
  id: 'claude-code-jsonl',
  label: 'Claude Code session log (JSONL)',
  provider: 'claude-code',
  signature: SIGNATURE,
  grain: 'request',
  log: 'lines',
  // Qwen Code's chat logs share these keys; its Gemini-style usageMetadata / message parts are never Claude Code's.
  identify: (head) => (qwenMarked(head) ? { match: false, score: 0.5, missing: ['message.usage (this is a Qwen Code log)'] } : matchJsonKeys(head, SIGNATURE, { jsonl: true })),
  parse: (source, ctx) => batchedRows(claudeCodeBatches(source, ctx)),
  mergeDuplicate(earlier: FactDraft, later: FactDraft): FactDraft {
    return totalTokens(earlier.tokens) > totalTokens(later.tokens) ? earlier : later;
  },
};

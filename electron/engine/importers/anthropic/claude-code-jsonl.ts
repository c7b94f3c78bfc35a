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
import { totalTokens, type FactDraft } from '../../../../shared/domain/fact';
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

/**
 * The kit's fact(), tokens() and identity() give the same draft (same fields, same order); written out,
 * a line's draft is one object literal instead of spreads of defaults (a tenth of the parser's CPU per
 * record went to building drafts).
 */
function claudeFact(f: Fields): FactDraft {
  return {
    account: null,
    project: f.project,
    apiKey: null,
    member: null,
    tags: Object.keys(f.tags).length ? f.tags : null,
    modelRaw: f.modelRaw,
    host: null,
    inferenceGeo: null,
    serviceTier: serviceTierOf(f.serviceTier),
    contextTier: null,
    tokens: { input: f.input, cache_read: f.cacheRead, cache_write_5m: f.w5, cache_write_1h: f.w1, output: f.output, reasoning: 0 },
    requests: 1,
    otherUnits: f.webSearch ? { web_search: f.webSearch } : null,
    billed: null,
    identity: `cc|${f.msgId}|${f.requestId ?? ''}`,
    start: f.start,
    end: f.start + 1,
    granularity: 'request',
    provider: 'claude-code',
    lineType: 'usage',
  };
}

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
  return { kind: 'fact', line, fact: claudeFact({ msgId, requestId, start, tags, project, modelRaw, serviceTier, input, cacheRead: cacheRead ?? 0, w5, w1, output, webSearch }) };
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

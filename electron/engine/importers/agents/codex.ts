/**
 * OpenAI Codex CLI / Codex Desktop rollout logs: ${CODEX_HOME:-~/.codex}/sessions/YYYY/MM/DD/rollout-*.jsonl
 * and archived_sessions/rollout-*.jsonl. Lines are {timestamp, type, payload}.
 *
 * Usage comes only from `event_msg` `token_count` lines, whose `info.total_token_usage` is the file's
 * CUMULATIVE total. One model call = one row whose total advanced; its usage is the difference from the
 * previous total. Summing `last_token_usage` instead over-counts: Codex re-emits the same counts on UI
 * and rate-limit refreshes. The rules, per file:
 *  - `info: null` rows carry rate limits only: skipped;
 *  - a total equal to the previous one is a re-emit: skipped;
 *  - a counter that goes DOWN means the process restarted its counters: that row's usage is its
 *    `last_token_usage`, and the new total is the baseline from then on;
 *  - a sub-agent file (`session_meta.source.subagent`) opens with the parent's history replayed as a
 *    burst of token_count rows stamped with the child's creation second: when its first two token_count
 *    rows share a second, every row of that second is skipped, the last one's total kept as the baseline.
 * Across files, a call's identity is what Codex Desktop's branched conversations copy verbatim (time,
 * model and the call's own counts), so a call copied into another file, or an archived copy of a
 * session, is the same fact and counts once.
 *
 * Tokens: `cached_input_tokens` is inside `input_tokens` (input = input - cached) and
 * `reasoning_output_tokens` is inside `output_tokens` (kept as the reasoning subset). No cost is logged.
 * Model: the latest `turn_context.model` (it can change mid-file).
 */
import { fact, FieldError, identity, parseIsoInstant, rowSaid, tokens } from '../kit/common';
import { isObject, JsonSyntaxError, onlySafeIntegers, parseJson, type JsonObject } from '../kit/json';
import { batchedRows, readLineBatches, tooLongMessage } from '../kit/lines';
import type { Importer, ParsedRow, TextSource } from '../types';
import { count, folderName, idLike, tagsOf } from './shared';

const SIGNATURE = ['timestamp', 'type', 'payload'] as const;
/** The lines a rollout's usage needs: session_meta, turn_context, token_count (quoted as keys or values, never escaped text). */
const NEEDED = ['"session_meta"', '"turn_context"', '"token_count"'];
/**
 * A number JSON.parse would read otherwise than its text says (an exponent, a negative zero): such a
 * line goes to the exact reader, which names it. Also matches inside some ids and hashes: harmless.
 */
const SPELLED = /\d[eE][+-]?\d|-0(?!\d)/;
const LINE_TYPE = /"type"\s*:\s*"(?:session_meta|turn_context|event_msg|response_item)"/;

interface Usage {
  input: number;
  cached: number;
  output: number;
  reasoning: number;
  total: number;
}

/**
 * A count as `count` reads it, also from a plain number: a token_count line read by JSON.parse keeps its
 * numbers as numbers, all of them safe integers spelled as such (quickTokenCount checks).
 */
function countOf(o: JsonObject, key: string, path: string): number | null {
  const v: unknown = o[key];
  if (typeof v !== 'number') return count(o, key, path);
  const field = path ? `${path}.${key}` : key;
  if (v < 0) throw new FieldError(field, 'engine.row.negativeCount', { field, value: String(v) });
  return v;
}

/** A usage object under any of the field names Codex versions wrote. */
function usageOf(o: JsonObject, path: string): Usage {
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const n = countOf(o, k, path);
      if (n !== null) return n;
    }
    return null;
  };
  const input = pick('input_tokens', 'prompt_tokens');
  const output = pick('output_tokens', 'completion_tokens');
  if (input === null) throw new FieldError(`${path}.input_tokens`, 'engine.row.missing', { field: `${path}.input_tokens` });
  if (output === null) throw new FieldError(`${path}.output_tokens`, 'engine.row.missing', { field: `${path}.output_tokens` });
  return {
    input,
    cached: pick('cached_input_tokens', 'cache_read_input_tokens', 'cached_tokens') ?? 0,
    output,
    reasoning: pick('reasoning_output_tokens', 'reasoning_tokens') ?? 0,
    total: pick('total_tokens') ?? input + output,
  };
}

const same = (a: Usage, b: Usage) => a.input === b.input && a.cached === b.cached && a.output === b.output && a.reasoning === b.reasoning && a.total === b.total;
const wentDown = (now: Usage, before: Usage) => now.input < before.input || now.cached < before.cached || now.output < before.output || now.reasoning < before.reasoning || now.total < before.total;
const minus = (a: Usage, b: Usage): Usage => ({ input: a.input - b.input, cached: a.cached - b.cached, output: a.output - b.output, reasoning: a.reasoning - b.reasoning, total: a.total - b.total });

interface TokenRow {
  line: number;
  timestamp: string;
  start: number;
  total: Usage | null;
  last: Usage | null;
  model: string | null;
}

/** One rollout file read line by line: its session facts, the running total, the sub-agent replay. */
class Rollout {
  private sessionId: string | null = null;
  private cwd: string | null = null;
  private originator: string | null = null;
  private version: string | null = null;
  private subagent = false;
  private sawMeta = false;
  private model: string | null = null;
  private prev: Usage | null = null;
  /** Sub-agent replay detection: the first token_count row waits for the second. */
  private firstRow: TokenRow | null = null;
  private tokenRows = 0;
  private replaySecond: string | null = null;

  *line(line: number, o: JsonObject): Iterable<ParsedRow> {
    const type = typeof o.type === 'string' ? o.type : '';
    const payload = isObject(o.payload) ? o.payload : null;
    if (type === 'session_meta' && payload) {
      this.meta(payload);
      yield { kind: 'skip', line, reason: 'session_meta' };
    } else if (type === 'turn_context' && payload) {
      if (typeof payload.model === 'string' && payload.model) this.model = payload.model;
      if (typeof payload.cwd === 'string' && payload.cwd) this.cwd = payload.cwd;
      yield { kind: 'skip', line, reason: 'turn_context' };
    } else if (type !== 'event_msg' || !payload || payload.type !== 'token_count') {
      yield { kind: 'skip', line, reason: `${type || 'untyped'} line (no usage)` };
    } else {
      const row = this.tokenRow(line, o, payload);
      if (row.kind !== 'row') yield row.out;
      else yield* this.counted(row.row);
    }
  }

  /** The first token_count row of a sub-agent file still waiting for a second one. */
  *end(): Iterable<ParsedRow> {
    const a = this.firstRow;
    if (a) yield this.guarded(a.line, () => this.advance(a, false));
  }

  private meta(payload: JsonObject): void {
    // A sub-agent file replays its parent's session_meta as a second one: the first is this file's.
    if (this.sawMeta) return;
    this.sawMeta = true;
    this.sessionId = idLike(payload.id);
    if (typeof payload.cwd === 'string') this.cwd = payload.cwd;
    // 'codex_cli_rs', 'Codex Desktop', ...: the client, which tells CLI from Desktop usage.
    this.originator = typeof payload.originator === 'string' && payload.originator.length <= 64 ? payload.originator : null;
    this.version = idLike(payload.cli_version);
    const src = payload.source;
    this.subagent = isObject(src) && isObject(src.subagent);
  }

  private tokenRow(line: number, o: JsonObject, payload: JsonObject): { kind: 'row'; row: TokenRow } | { kind: 'out'; out: ParsedRow } {
    const info = payload.info;
    if (!isObject(info)) return { kind: 'out', out: { kind: 'skip', line, reason: 'token count without info (rate limits only)' } };
    const timestamp = typeof o.timestamp === 'string' ? o.timestamp : '';
    const start = parseIsoInstant(timestamp);
    if (start === null) return { kind: 'out', out: { kind: 'error', line, field: 'timestamp', said: rowSaid('engine.row.noDateQuoted', { field: 'timestamp', value: timestamp }) } };
    let row: TokenRow;
    try {
      const rowModel = typeof payload.model === 'string' ? payload.model : typeof info.model === 'string' ? info.model : null;
      row = {
        line,
        timestamp,
        start,
        total: isObject(info.total_token_usage) ? usageOf(info.total_token_usage, 'payload.info.total_token_usage') : null,
        last: isObject(info.last_token_usage) ? usageOf(info.last_token_usage, 'payload.info.last_token_usage') : null,
        model: this.model ?? rowModel,
      };
    } catch (e) {
      if (e instanceof FieldError) return { kind: 'out', out: { kind: 'error', line, field: e.field, said: e.said } };
      throw e;
    }
    if (row.total === null && row.last === null) return { kind: 'out', out: { kind: 'skip', line, reason: 'token count without usage' } };
    return { kind: 'row', row };
  }

  /** A token_count row with usage, through the sub-agent replay rule and then the cumulative-total rules. */
  private *counted(row: TokenRow): Iterable<ParsedRow> {
    this.tokenRows++;
    if (this.subagent && this.tokenRows === 1) {
      this.firstRow = row;
      return;
    }
    if (this.subagent && this.tokenRows === 2 && this.firstRow) {
      const a = this.firstRow;
      this.firstRow = null;
      if (a.timestamp.slice(0, 19) === row.timestamp.slice(0, 19)) this.replaySecond = a.timestamp.slice(0, 19);
      yield this.guarded(a.line, () => this.advance(a, this.replaySecond !== null));
    }
    const replayed = this.replaySecond !== null && row.timestamp.slice(0, 19) === this.replaySecond;
    yield this.guarded(row.line, () => this.advance(row, replayed));
  }

  /** One token_count row through the cumulative-total rules. */
  private advance(row: TokenRow, replayed: boolean): ParsedRow {
    const { total, last } = row;
    const prev = this.prev;
    let usage: Usage | null;
    if (total === null) {
      usage = last; // no cumulative total in this row: its own usage is all there is
    } else if (prev === null) {
      usage = total;
    } else if (same(total, prev)) {
      return { kind: 'skip', line: row.line, reason: 're-emitted token count (total unchanged)' };
    } else if (wentDown(total, prev)) {
      usage = last; // counters restarted (a resumed process)
      if (usage === null) throw new FieldError('payload.info.last_token_usage', 'engine.row.codex.counterRestart');
    } else {
      usage = minus(total, prev);
    }
    if (total !== null) this.prev = total;
    if (replayed) return { kind: 'skip', line: row.line, reason: "sub-agent replay of the parent's history" };
    if (usage === null || (usage.input === 0 && usage.output === 0)) return { kind: 'skip', line: row.line, reason: 'token count without usage' };
    return this.call(row, usage);
  }

  private call(row: TokenRow, usage: Usage): ParsedRow {
    if (usage.cached > usage.input) throw new FieldError('payload.info.total_token_usage.cached_input_tokens', 'engine.row.cachedExceedsInput', { cached: usage.cached, input: usage.input });
    if (usage.reasoning > usage.output) throw new FieldError('payload.info.total_token_usage.reasoning_output_tokens', 'engine.row.reasoningExceedsOutput', { reasoning: usage.reasoning, output: usage.output });
    // Sessions of early September 2025 did not log the model; Codex's default then was gpt-5 (tagged as assumed).
    const m = row.model ?? 'gpt-5';
    const { sessionId, originator, version, subagent } = this;
    return {
      kind: 'fact',
      line: row.line,
      fact: fact({
        identity: identity('codex', row.timestamp, m, usage.input, usage.cached, usage.output, usage.reasoning, usage.total),
        start: row.start,
        end: row.start + 1,
        granularity: 'request',
        provider: 'codex-log',
        lineType: 'usage',
        project: folderName(this.cwd),
        modelRaw: m,
        tags: tagsOf({ sessionId, originator, version, subagent: subagent ? 'true' : null, modelAssumed: row.model ? null : 'true' }),
        tokens: tokens({ input: usage.input - usage.cached, cache_read: usage.cached, output: usage.output, reasoning: usage.reasoning }),
        requests: 1,
      }),
    };
  }

  private guarded(line: number, fn: () => ParsedRow): ParsedRow {
    try {
      return fn();
    } catch (e) {
      if (e instanceof FieldError) return { kind: 'error', line, field: e.field, said: e.said };
      throw e;
    }
  }
}

export const codexRollout: Importer = {
  id: 'codex-rollout-jsonl',
  label: 'Codex CLI / Desktop session log (JSONL)',
  provider: 'codex-log',
  signature: SIGNATURE,
  grain: 'request',
  log: 'whole',
  identify(head) {
    const text = head.text.trimStart();
    const firstLine = text.split('\n', 1)[0]!.trim();
    const jsonl = firstLine.startsWith('{') && firstLine.endsWith('}');
    const keys = SIGNATURE.filter((k) => new RegExp(`"${k}"\\s*:`).test(firstLine));
    if (jsonl && keys.length === SIGNATURE.length && LINE_TYPE.test(firstLine)) return { match: true };
    const missing: string[] = SIGNATURE.filter((k) => !keys.includes(k));
    if (!LINE_TYPE.test(firstLine)) missing.push('"type": "session_meta" | "turn_context" | "event_msg"');
    return { match: false, score: jsonl ? (keys.length / SIGNATURE.length) * 0.9 : 0, missing };
  },
  parse: (source, ctx) => batchedRows(rolloutBatches(source, ctx.signal)),
};

/**
 * A token_count line straight from JSON.parse, when its usage numbers are safe integers spelled as such
 * (what the exact reader gives them then); null for any other line, which the exact reader reads.
 */
function quickTokenCount(text: string): JsonObject | null {
  if (!text.includes('"token_count"') || SPELLED.test(text)) return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const o = v as Record<string, unknown>;
  const payload = o.payload as Record<string, unknown> | null | undefined;
  if (o.type !== 'event_msg' || typeof payload !== 'object' || payload === null || payload.type !== 'token_count') return null;
  return onlySafeIntegers(payload.info) ? (o as JsonObject) : null;
}

/** One needed line as an object; an error or skip row when it is none. */
function lineObject(text: string, line: number, complete: boolean, out: ParsedRow[], quickly: boolean): JsonObject | null {
  const quick = quickly ? quickTokenCount(text) : null;
  if (quick) return quick;
  try {
    const v = parseJson(text, line);
    if (isObject(v)) return v;
    out.push({ kind: 'error', line, field: '$', said: rowSaid('engine.row.lineNotObject') });
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    // An unterminated last line is still being written: read whole by the next import.
    out.push(complete ? { kind: 'error', line, field: e.path, said: e.said } : { kind: 'skip', line, reason: 'last line still being written' });
  }
  return null;
}

/**
 * The rows of a rollout, a batch per read. Only three kinds of line matter; the rest (messages,
 * reasoning, tool calls and their output) is never decoded, let alone parsed or kept. `quickly: false`
 * reads every needed line with the exact reader (what the quick read must always agree with; a test
 * holds them to it).
 */
export async function* rolloutBatches(source: TextSource, signal: AbortSignal | undefined, quickly = true): AsyncIterable<ParsedRow[]> {
  const session = new Rollout();
  for await (const batch of readLineBatches(source, signal, { needles: NEEDED })) {
    const out: ParsedRow[] = [];
    for (const l of batch) {
      if (l.tooLong) out.push({ kind: 'error', line: l.line, field: '$', said: tooLongMessage() });
      else if ('unread' in l) out.push({ kind: 'skip', line: l.line, reason: 'no usage' });
      else if (l.text.trim() !== '') {
        const o = lineObject(l.text, l.line, l.complete, out, quickly);
        if (o) for (const r of session.line(l.line, o)) out.push(r);
      }
    }
    if (out.length > 0) yield out;
  }
  const last = [...session.end()];
  if (last.length > 0) yield last;
}

/**
 * Gemini CLI chat recordings: ~/.gemini/tmp/<projectHash>/chats/session-*.json (a whole session, older)
 * and session-*.jsonl (append-only, newer: a header line, then message records, `$set` metadata updates
 * and `$rewindTo` markers). Qwen Code's legacy ~/.qwen/tmp/<hash>/chats/*.json is the same format.
 *
 * One model call = one `type: "gemini"` message with `tokens`. In the .jsonl, a message is appended again
 * under the same id whenever it changes (tool calls, then tool results added): the LAST record of an id
 * stands, never a sum (identity = session + message id; the pipeline keeps the later record). A resumed
 * .json session is copied into a .jsonl of the same name with the same ids: the same facts, counted once.
 * Rewound messages were billed: they still count.
 *
 * Tokens: `cached` is inside `input`; `thoughts` and `tool` are beside input and output
 * (total = input + output + thoughts + tool), so input = input - cached + tool (tool-use prompt tokens are
 * billed as input), output = output + thoughts, reasoning = thoughts. A record whose total shows the
 * thoughts already inside output (total = input + output + tool) is not added twice. No cost is logged.
 */
import { fact, FieldError, hasKey, identity, parseIsoInstant, rowSaid, tokens } from '../kit/common';
import { isObject, lineOf, readJsonValues, type JsonObject } from '../kit/json';
import type { FileHead, Identification, Importer, ParsedRow } from '../types';
import { count, idLike, QWEN_OAUTH_MODEL, tagsOf } from './shared';

const SIGNATURE = ['sessionId', 'projectHash', 'startTime'] as const;

/** Qwen Code's legacy chats are this format: its models bill as Qwen Code usage. */
function providerFor(model: string | null): string {
  return model && (/qwen/i.test(model) || model === QWEN_OAUTH_MODEL) ? 'qwen-code-log' : 'gemini-cli-log';
}

function identifyGemini(head: FileHead): Identification {
  const text = head.text.trimStart();
  if (!text.startsWith('{') || head.csvHeader) return { match: false, score: 0, missing: [...SIGNATURE] };
  const has = (k: string) => hasKey(head, k);
  const missing: string[] = SIGNATURE.filter((k) => !has(k));
  const firstLine = text.split('\n', 1)[0]!.trim();
  const jsonl = firstLine.startsWith('{') && firstLine.endsWith('}');
  // A .json session holds "messages"; a .jsonl opens with the header line.
  if (!jsonl && !has('messages')) missing.push('messages');
  if (missing.length === 0) return { match: true };
  return { match: false, score: (SIGNATURE.length + 1 - missing.length) / (SIGNATURE.length + 1), missing };
}

interface SessionInfo {
  sessionId: string | null;
  projectHash: string | null;
  kind: string | null;
}

function messageRow(m: JsonObject, line: number, s: SessionInfo): ParsedRow {
  const id = typeof m.id === 'string' ? m.id : '';
  const type = typeof m.type === 'string' ? m.type : '';
  if (type !== 'gemini' || !isObject(m.tokens)) return { kind: 'skip', line, reason: `${type || 'untyped'} message (no tokens)` };
  try {
    if (!id) throw new FieldError('id', 'engine.row.messageNoId');
    const t = m.tokens;
    const input = count(t, 'input', 'tokens') ?? 0;
    const output = count(t, 'output', 'tokens') ?? 0;
    const cached = count(t, 'cached', 'tokens') ?? 0;
    const thoughts = count(t, 'thoughts', 'tokens') ?? 0;
    const tool = count(t, 'tool', 'tokens') ?? 0;
    const total = count(t, 'total', 'tokens');
    if (cached > input) throw new FieldError('tokens.cached', 'engine.row.exceeds', { field: 'tokens.cached', value: cached, other: 'tokens.input', limit: input });
    const thoughtsInside = total !== null && thoughts > 0 && thoughts <= output && total === input + output + tool;
    const start = typeof m.timestamp === 'string' ? parseIsoInstant(m.timestamp) : null;
    if (start === null) throw new FieldError('timestamp', 'engine.row.noDate', { field: 'timestamp' });
    if (input + output + thoughts + tool === 0) return { kind: 'skip', line, reason: 'message with zero tokens' };
    const model = typeof m.model === 'string' && m.model ? m.model : null;
    return {
      kind: 'fact',
      line,
      fact: fact({
        identity: identity('gemini', s.sessionId, id),
        start,
        end: start + 1,
        granularity: 'request',
        provider: providerFor(model),
        lineType: 'usage',
        modelRaw: model,
        tags: tagsOf({ sessionId: s.sessionId, projectHash: s.projectHash, kind: s.kind }),
        tokens: tokens({ input: input - cached + tool, cache_read: cached, output: thoughtsInside ? output : output + thoughts, reasoning: thoughts }),
        requests: 1,
        // Qwen Code's legacy files: its free OAuth tier's model is included in that plan.
        plan: model === QWEN_OAUTH_MODEL ? 'included' : null,
      }),
    };
  } catch (e) {
    if (e instanceof FieldError) return { kind: 'error', line, field: e.field, said: e.said };
    throw e;
  }
}

function sessionInfo(o: JsonObject): SessionInfo {
  return { sessionId: idLike(o.sessionId), projectHash: idLike(o.projectHash), kind: idLike(o.kind) };
}

export const geminiCliChat: Importer = {
  id: 'gemini-cli-chat',
  label: 'Gemini CLI chat recording (JSON / JSONL)',
  provider: 'gemini-cli-log',
  signature: SIGNATURE,
  grain: 'request',
  log: 'whole',
  identify: identifyGemini,
  async *parse(source, ctx): AsyncIterable<ParsedRow> {
    // A .json session is one document; a .jsonl is a header line then one record per line: both are a
    // stream of top-level JSON values.
    let s: SessionInfo | null = null;
    for await (const item of readJsonValues(source, ctx.signal)) {
      if (item.kind === 'error') {
        // A .jsonl's last record cut short is still being written: the next import reads it whole.
        if (s !== null && item.said.id === 'engine.row.json.truncated') yield { kind: 'skip', line: item.line, reason: 'last record still being written' };
        else yield item;
        return;
      }
      const o = item.value;
      if (!isObject(o)) {
        yield { kind: 'error', line: item.line, field: '$', said: rowSaid('engine.row.recordNotObject') };
        continue;
      }
      if (s === null) {
        s = sessionInfo(o);
        if (Array.isArray(o.messages)) {
          for (const m of o.messages) if (isObject(m)) yield messageRow(m, lineOf(m) ?? item.line, s);
        } else {
          yield { kind: 'skip', line: item.line, reason: 'session header' };
        }
        continue;
      }
      if ('$set' in o || '$rewindTo' in o) yield { kind: 'skip', line: item.line, reason: 'metadata update' };
      else yield messageRow(o, item.line, s);
    }
  },
};

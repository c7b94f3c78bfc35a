/**
 * Qwen Code chat logs: ~/.qwen/projects/<cwd with '/' as '-'>/chats/<sessionId>.jsonl, one record per line
 * ({uuid, parentUuid, sessionId, timestamp, type, cwd, version, ...}). (Its legacy tmp/<hash>/chats/*.json
 * files are Gemini CLI's format: gemini-cli.ts reads them.)
 *
 * Every model call is written twice: a `system`/`ui_telemetry` line (`qwen-code.api_response`) and then
 * the `assistant` line with `usageMetadata`. Only the assistant line counts (identity = session + uuid);
 * the telemetry twin only lends its `auth_type` (qwen-oauth: the free tier; openai: an API key).
 * A call of the free tier (auth_type qwen-oauth, or its alias model `coder-model`, which only the free
 * OAuth sign-in serves) is included in a plan: its value is notional, never spend.
 *
 * Tokens: `cachedContentTokenCount` is inside `promptTokenCount` (input = prompt - cached). On Qwen
 * Code's OpenAI-compatible path `candidatesTokenCount` is the completion, thoughts INCLUDED
 * (total = prompt + candidates): output = candidates, reasoning = thoughts. Only when
 * total = prompt + candidates + thoughts (Gemini's own convention) are thoughts added to output.
 */
import { fact, FieldError, identity, parseIsoInstant, tokens } from '../kit/common';
import { isObject, type JsonObject } from '../kit/json';
import { qwenMarked } from '../kit/agent-markers';
import type { FileHead, Identification, Importer, ParsedRow } from '../types';
import { count, folderName, idLike, isRow, jsonlObjects, QWEN_OAUTH_MODEL, tagsOf } from './shared';

const SIGNATURE = ['uuid', 'sessionId', 'timestamp', 'type'] as const;
const NEEDED = /"usageMetadata"|"ui_telemetry"/;

function identifyQwen(head: FileHead): Identification {
  const text = head.text.trimStart();
  const firstLine = text.split('\n', 1)[0]!.trim();
  if (!firstLine.startsWith('{') || !firstLine.endsWith('}') || head.csvHeader) return { match: false, score: 0, missing: [...SIGNATURE] };
  const missing: string[] = SIGNATURE.filter((k) => !new RegExp(`"${k}"\\s*:`).test(firstLine));
  if (!qwenMarked(head)) missing.push('usageMetadata or message.parts');
  if (missing.length === 0) return { match: true };
  return { match: false, score: ((SIGNATURE.length + 1 - missing.length) / (SIGNATURE.length + 1)) * 0.9, missing };
}

function callRow(o: JsonObject, line: number, authType: string | null): ParsedRow {
  try {
    const u = o.usageMetadata as JsonObject;
    const p = 'usageMetadata';
    const prompt = count(u, 'promptTokenCount', p) ?? 0;
    const candidates = count(u, 'candidatesTokenCount', p) ?? 0;
    const thoughts = count(u, 'thoughtsTokenCount', p) ?? 0;
    const cached = count(u, 'cachedContentTokenCount', p) ?? 0;
    const total = count(u, 'totalTokenCount', p);
    if (cached > prompt) throw new FieldError(`${p}.cachedContentTokenCount`, 'engine.row.exceeds', { field: `${p}.cachedContentTokenCount`, value: cached, other: `${p}.promptTokenCount`, limit: prompt });
    const thoughtsBeside = thoughts > 0 && (total === prompt + candidates + thoughts || thoughts > candidates);
    const uuid = typeof o.uuid === 'string' ? o.uuid : '';
    if (!uuid) throw new FieldError('uuid', 'engine.row.missing', { field: 'uuid' });
    const sessionId = idLike(o.sessionId);
    const start = typeof o.timestamp === 'string' ? parseIsoInstant(o.timestamp) : null;
    if (start === null) throw new FieldError('timestamp', 'engine.row.noDate', { field: 'timestamp' });
    const model = typeof o.model === 'string' && o.model ? o.model : null;
    return {
      kind: 'fact',
      line,
      fact: fact({
        identity: identity('qwen', sessionId, uuid),
        start,
        end: start + 1,
        granularity: 'request',
        provider: 'qwen-code-log',
        lineType: 'usage',
        project: folderName(typeof o.cwd === 'string' ? o.cwd : null),
        modelRaw: model,
        tags: tagsOf({ sessionId, version: idLike(o.version), authType }),
        tokens: tokens({ input: prompt - cached, cache_read: cached, output: thoughtsBeside ? candidates + thoughts : candidates, reasoning: thoughts }),
        requests: 1,
        plan: authType === 'qwen-oauth' || model === QWEN_OAUTH_MODEL ? 'included' : null,
      }),
    };
  } catch (e) {
    if (e instanceof FieldError) return { kind: 'error', line, field: e.field, said: e.said };
    throw e;
  }
}

export const qwenCodeJsonl: Importer = {
  id: 'qwen-code-jsonl',
  label: 'Qwen Code chat log (JSONL)',
  provider: 'qwen-code-log',
  signature: SIGNATURE,
  grain: 'request',
  log: 'whole',
  identify: identifyQwen,
  async *parse(source, ctx): AsyncIterable<ParsedRow> {
    let authType: string | null = null;
    // Only the call lines and their telemetry twins are parsed; prompts and replies are not.
    for await (const item of jsonlObjects(source, ctx.signal, NEEDED)) {
      if (isRow(item)) {
        yield item;
        continue;
      }
      const { line, o } = item;
      const type = typeof o.type === 'string' ? o.type : '';
      if (type === 'system' && o.subtype === 'ui_telemetry') {
        const ev = isObject(o.systemPayload) && isObject(o.systemPayload.uiEvent) ? o.systemPayload.uiEvent : null;
        if (ev && ev['event.name'] === 'qwen-code.api_response') authType = idLike(ev.auth_type) ?? authType;
        yield { kind: 'skip', line, reason: 'telemetry twin of a call (the assistant line counts)' };
        continue;
      }
      if (type !== 'assistant' || !isObject(o.usageMetadata)) {
        yield { kind: 'skip', line, reason: `${type || 'untyped'} line (no usage)` };
        continue;
      }
      yield callRow(o, line, authType);
    }
  },
};

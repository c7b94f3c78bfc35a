/**
 * GitHub Copilot CLI session state: ~/.copilot/session-state/<sessionId>/events.jsonl, one event per line
 * ({type, timestamp, data}).
 *
 * Exact usage exists only in `session.shutdown`'s `modelMetrics`, one entry per model with the totals of
 * that SEGMENT of the session: a resumed session writes one shutdown per segment, so every shutdown is
 * summed (one fact per shutdown and model, identity = session + shutdown time + model; the same file read
 * again after another resume adds only the new segment). `assistant.message.outputTokens` repeats what
 * the shutdown holds: never added. A session still running (no shutdown yet) has nothing to count.
 *
 * Tokens: `cacheReadTokens` (and `cacheWriteTokens`, 0 in every log seen) are inside `inputTokens`.
 * `requests.count` is the number of calls; `requests.cost` is PREMIUM REQUESTS, Copilot's billing unit,
 * not money: kept as the unit `premium_requests`. A segment's fact runs from its first event to its shutdown.
 *
 * Plan: Copilot bills a subscription and premium requests, never tokens, so every row is usage included in a
 * plan: its tokens at the vendor's list are a value (notional), never spend.
 */
import { fact, FieldError, identity, parseIsoInstant, rowSaid, tokens } from '../kit/common';
import { isObject, JsonNum, type JsonObject } from '../kit/json';
import type { FileHead, Identification, Importer, ParsedRow } from '../types';
import { count, folderName, idLike, isRow, jsonlObjects, tagsOf } from './shared';

const SIGNATURE = ['type', 'timestamp', 'data'] as const;
const EVENT_TYPE = /"type"\s*:\s*"(?:session|assistant|user|tool)\.[a-z_.]+"/;

function identifyCopilot(head: FileHead): Identification {
  const text = head.text.trimStart();
  const firstLine = text.split('\n', 1)[0]!.trim();
  if (!firstLine.startsWith('{') || !firstLine.endsWith('}') || head.csvHeader) return { match: false, score: 0, missing: [...SIGNATURE] };
  const missing: string[] = SIGNATURE.filter((k) => !new RegExp(`"${k}"\\s*:`).test(firstLine));
  if (!EVENT_TYPE.test(firstLine)) missing.push('"type": "session.start" | "user.message" | ...');
  if (missing.length === 0) return { match: true };
  return { match: false, score: ((SIGNATURE.length + 1 - missing.length) / (SIGNATURE.length + 1)) * 0.9, missing };
}

/** The session id from .../session-state/<id>/events.jsonl when the log has no session.start. */
function sessionFromPath(path: string | undefined): string | null {
  const m = path ? /[\\/]([^\\/]+)[\\/]events\.jsonl$/i.exec(path) : null;
  return m ? m[1]! : null;
}

export const copilotCliEvents: Importer = {
  id: 'copilot-cli-events',
  label: 'GitHub Copilot CLI session events (JSONL)',
  provider: 'copilot-cli-log',
  signature: SIGNATURE,
  grain: 'request',
  log: 'whole',
  identify: identifyCopilot,
  async *parse(source, ctx): AsyncIterable<ParsedRow> {
    let sessionId = sessionFromPath(ctx.path ?? ctx.fileName);
    let cwd: string | null = null;
    let segmentStart: number | null = null;
    for await (const item of jsonlObjects(source, ctx.signal)) {
      if (isRow(item)) {
        yield item;
        continue;
      }
      const { line, o } = item;
      const type = typeof o.type === 'string' ? o.type : '';
      const data = isObject(o.data) ? o.data : null;
      const at = typeof o.timestamp === 'string' ? parseIsoInstant(o.timestamp) : null;
      if (segmentStart === null && at !== null) segmentStart = at;
      if (type === 'session.start' && data) {
        sessionId = idLike(data.sessionId) ?? sessionId;
        if (isObject(data.context) && typeof data.context.cwd === 'string') cwd = data.context.cwd;
      }
      if (type !== 'session.shutdown' || !data) {
        yield { kind: 'skip', line, reason: `${type || 'untyped'} event (no usage)` };
        continue;
      }
      if (at === null) {
        yield { kind: 'error', line, field: 'timestamp', said: rowSaid('engine.row.noDate', { field: 'timestamp' }) };
        continue;
      }
      const metrics = isObject(data.modelMetrics) ? data.modelMetrics : null;
      const start = Math.min(segmentStart ?? at, at);
      segmentStart = null;
      if (!metrics || Object.keys(metrics).length === 0) {
        yield { kind: 'skip', line, reason: 'shutdown without model metrics' };
        continue;
      }
      for (const [model, m] of Object.entries(metrics)) {
        yield segmentRow(model, m, line, { sessionId, cwd, start, end: at, stamp: o.timestamp as string });
      }
    }
  },
};

function segmentRow(
  model: string,
  m: JsonObject[string],
  line: number,
  s: { sessionId: string | null; cwd: string | null; start: number; end: number; stamp: string },
): ParsedRow {
  const path = `data.modelMetrics.${model}`;
  try {
    if (!isObject(m)) throw new FieldError(path, 'engine.row.notObject', { field: path });
    const usage = isObject(m.usage) ? m.usage : ({} as JsonObject);
    const req = isObject(m.requests) ? m.requests : ({} as JsonObject);
    const input = count(usage, 'inputTokens', `${path}.usage`) ?? 0;
    const read = count(usage, 'cacheReadTokens', `${path}.usage`) ?? 0;
    const write = count(usage, 'cacheWriteTokens', `${path}.usage`) ?? 0;
    const output = count(usage, 'outputTokens', `${path}.usage`) ?? 0;
    if (read > input) throw new FieldError(`${path}.usage.cacheReadTokens`, 'engine.row.exceeds', { field: `${path}.usage.cacheReadTokens`, value: read, other: 'inputTokens', limit: input });
    // Writes are taken as inside inputTokens like reads when they fit, else as beside them.
    const writeInside = read + write <= input;
    // Premium requests can be fractions (models with a multiplier below 1).
    const premiumText = req.cost instanceof JsonNum ? req.cost.text : null;
    const premium = premiumText === null ? null : Number(premiumText);
    if (premium !== null && !(premium >= 0)) throw new FieldError(`${path}.requests.cost`, 'engine.row.copilot.premiumRequests', { field: `${path}.requests.cost`, value: String(premiumText) });
    return {
      kind: 'fact',
      line,
      fact: fact({
        identity: identity('copilot', s.sessionId, s.stamp, model),
        start: s.start,
        end: s.end + 1,
        granularity: 'request',
        provider: 'copilot-cli-log',
        lineType: 'usage',
        project: folderName(s.cwd),
        modelRaw: model,
        tags: tagsOf({ sessionId: s.sessionId }),
        tokens: tokens({ input: input - read - (writeInside ? write : 0), cache_read: read, cache_write_5m: write, output }),
        requests: count(req, 'count', `${path}.requests`) ?? 0,
        otherUnits: premium ? { premium_requests: premium } : null,
        plan: 'included',
      }),
    };
  } catch (e) {
    if (e instanceof FieldError) return { kind: 'error', line, field: e.field, said: e.said };
    throw e;
  }
}

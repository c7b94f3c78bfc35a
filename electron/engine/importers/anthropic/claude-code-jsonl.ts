/**
 * Claude Code session logs (~/.claude/projects/<cwd>/<session>.jsonl).
 * Only assistant lines with message.usage are facts. A message streamed as several lines repeats its usage:
 * identity = message.id + requestId (message.id alone when there is no requestId) and mergeDuplicate keeps
 * the last line unless an earlier one counted more tokens. '<synthetic>' (local error messages) is skipped.
 * costUSD (legacy versions) is Claude Code's own estimate, not a bill: it is not used as `billed`.
 */
import { totalTokens, type FactDraft } from '../../../../shared/domain/fact';
import { FieldError, fact, identity, matchJsonKeys, rowSaid, serviceTierOf, tokens } from '../kit/common';
import { guardJson, isObject, optInt, optString, readJsonLines, reqInstant, reqInt, reqString } from '../kit/json';
import { QWEN_MARKERS } from '../kit/agent-markers';
import type { Importer, ParsedRow } from '../types';

const SIGNATURE = ['sessionId', 'uuid', 'type', 'message', 'timestamp'] as const;

export const claudeCodeJsonl: Importer = {
  id: 'claude-code-jsonl',
  label: 'Claude Code session log (JSONL)',
  provider: 'claude-code',
  signature: SIGNATURE,
  grain: 'request',
  log: 'lines',
  // Qwen Code's chat logs share these keys; its Gemini-style usageMetadata / message parts are never Claude Code's.
  identify: (head) => (QWEN_MARKERS.test(head.text) ? { match: false, score: 0.5, missing: ['message.usage (this is a Qwen Code log)'] } : matchJsonKeys(head, SIGNATURE, { jsonl: true })),
  async *parse(source, ctx): AsyncIterable<ParsedRow> {
    for await (const item of readJsonLines(source, ctx.signal)) {
      if (item.kind === 'error') {
        yield item;
        continue;
      }
      const line = item.line;
      const v = item.value;
      if (!isObject(v)) {
        yield { kind: 'error', line, field: '$', said: rowSaid('engine.row.lineNotObject') };
        continue;
      }
      const type = typeof v.type === 'string' ? v.type : '';
      const message = isObject(v.message) ? v.message : null;
      if (type !== 'assistant' || !message || !isObject(message.usage)) {
        yield { kind: 'skip', line, reason: `${type || 'untyped'} line (no usage)` };
        continue;
      }
      if (message.model === '<synthetic>') {
        yield { kind: 'skip', line, reason: 'synthetic message (local error, no API call)' };
        continue;
      }
      yield* guardJson(v, line, () => {
        const usage = message.usage as import('../kit/json').JsonObject;
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
        for (const k of ['sessionId', 'gitBranch', 'version'] as const) {
          const s = optString(v, k, '');
          if (s) tags[k] = s;
        }
        if (v.isSidechain === true) tags.sidechain = 'true';
        return {
          kind: 'fact',
          line,
          fact: fact({
            identity: identity('cc', msgId, requestId),
            start,
            end: start + 1,
            granularity: 'request',
            provider: 'claude-code',
            lineType: 'usage',
            project: optString(v, 'cwd', ''),
            modelRaw: optString(message, 'model', 'message'),
            serviceTier: serviceTierOf(optString(usage, 'service_tier', up)),
            tags: Object.keys(tags).length ? tags : null,
            tokens: tokens({
              input: reqInt(usage, 'input_tokens', up),
              cache_read: optInt(usage, 'cache_read_input_tokens', up) ?? 0,
              cache_write_5m: w5,
              cache_write_1h: w1,
              output: reqInt(usage, 'output_tokens', up),
            }),
            requests: 1,
            otherUnits: webSearch ? { web_search: webSearch } : null,
          }),
        };
      });
    }
  },
  mergeDuplicate(earlier: FactDraft, later: FactDraft): FactDraft {
    return totalTokens(earlier.tokens) > totalTokens(later.tokens) ? earlier : later;
  },
};

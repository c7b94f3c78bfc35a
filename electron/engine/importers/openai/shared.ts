/** What the OpenAI usage/cost JSON and their dashboard CSVs share. */
import { FieldError, fact, granularityOf, identity, serviceTierOf, tokens } from '../kit/common';
import type { FactDraft } from '../../../../shared/domain/fact';

/** "gpt-4o-2024-08-06, cached input" -> model and direction (split on the LAST comma; "whisper" has none). */
export function splitLineItem(lineItem: string): { model: string; direction: string | null } {
  const at = lineItem.lastIndexOf(',');
  if (at < 0) return { model: lineItem.trim(), direction: null };
  return { model: lineItem.slice(0, at).trim(), direction: lineItem.slice(at + 1).trim().toLowerCase().replace(/_/g, ' ') };
}

/** One usage bucket row as the Usage API JSON and the dashboard usage CSV both give it. */
export interface OpenAiUsageBucket {
  start: number;
  end: number;
  inputAll: number;
  cached: number;
  /** When the export states it; else input_tokens - input_cached_tokens. */
  uncached: number | null;
  cacheWrite: number;
  output: number;
  requests: number;
  batch: boolean;
  tier: string | null;
  project: string | null;
  user: string | null;
  key: string | null;
  model: string | null;
}

/**
 * The fact of one OpenAI usage bucket. Both formats build it here, so the same bucket gets the same
 * identity from either export (they are duplicates, not overlaps). `cachedField` names the field in
 * the caller's own terms for the error message.
 */
export function openAiUsageFact(b: OpenAiUsageBucket, cachedField: string): FactDraft {
  const uncached = b.uncached ?? b.inputAll - b.cached;
  if (uncached < 0) throw new FieldError(cachedField, 'engine.row.largerThan', { field: cachedField, value: b.cached, other: 'input_tokens', limit: b.inputAll });
  return fact({
    identity: identity('oai-use', b.start / 1000, b.end / 1000, b.project, b.user, b.key, b.model, b.batch, b.tier),
    start: b.start,
    end: b.end,
    granularity: granularityOf(b.start, b.end),
    provider: 'openai',
    lineType: 'usage',
    project: b.project,
    member: b.user,
    apiKey: b.key,
    modelRaw: b.model,
    serviceTier: serviceTierOf(b.tier, b.batch),
    tokens: tokens({ input: uncached, cache_read: b.cached, cache_write_5m: b.cacheWrite, output: b.output }),
    requests: b.requests,
  });
}

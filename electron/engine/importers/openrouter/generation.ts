/**
 * OpenRouter GET /api/v1/generation responses ({"data": {...}} or the bare record), one per line (JSONL),
 * concatenated, or in a JSON array. Billing counts are native_tokens_*.
 */
import { FieldError, fact, identity, matchJsonKeys, tokens } from '../kit/common';
import { asObject, guardJson, isObject, optInt, optMoney, optString, parseJsonPages, reqInstant, reqInt, reqString } from '../kit/json';
import type { Importer } from '../types';

const SIGNATURE = ['id', 'total_cost', 'created_at', 'native_tokens_prompt', 'native_tokens_completion'] as const;

export const openrouterGeneration: Importer = {
  id: 'openrouter-generation',
  label: 'OpenRouter generation records (JSON/JSONL)',
  provider: 'openrouter',
  signature: SIGNATURE,
  grain: 'request',
  identify: (head) => matchJsonKeys(head, SIGNATURE),
  parse: (source, ctx) =>
    parseJsonPages(source, ctx.signal, (value, root, line) => {
      const outer = asObject(value, root || '$');
      const path = isObject(outer.data) ? (root ? `${root}.data` : 'data') : root || '$';
      const r = isObject(outer.data) ? outer.data : outer;
      return guardJson(r, line, () => {
        const id = reqString(r, 'id', path);
        const start = reqInstant(r, 'created_at', path);
        const prompt = reqInt(r, 'native_tokens_prompt', path);
        const cached = optInt(r, 'native_tokens_cached', path) ?? 0;
        if (cached > prompt) throw new FieldError(`${path}.native_tokens_cached`, 'engine.row.largerThan', { field: `${path}.native_tokens_cached`, value: cached, other: 'native_tokens_prompt', limit: prompt });
        const cost = optMoney(r, 'total_cost', path) ?? optMoney(r, 'usage', path);
        const tags: Record<string, string> = {};
        const appId = optString(r, 'app_id', path);
        if (appId) tags.app_id = appId;
        if (r.is_byok === true) {
          tags.byok = 'true';
          const upstream = optString(r, 'upstream_inference_cost', path);
          if (upstream) tags.upstream_inference_cost = upstream;
        }
        const webSearches = optInt(r, 'num_search_results', path);
        return {
          kind: 'fact',
          line,
          fact: fact({
            identity: identity('or-gen', id),
            start,
            end: start + 1,
            granularity: 'request',
            provider: 'openrouter',
            lineType: 'usage',
            modelRaw: optString(r, 'model', path),
            host: optString(r, 'provider_name', path),
            member: optString(r, 'external_user', path),
            tags: Object.keys(tags).length ? tags : null,
            tokens: tokens({
              input: prompt - cached,
              cache_read: cached,
              output: reqInt(r, 'native_tokens_completion', path),
              reasoning: optInt(r, 'native_tokens_reasoning', path) ?? 0,
            }),
            requests: 1,
            otherUnits: webSearches ? { web_search_results: webSearches } : null,
            billed: cost === null ? null : { nano: cost, currency: 'USD' },
          }),
        };
      });
    }),
};

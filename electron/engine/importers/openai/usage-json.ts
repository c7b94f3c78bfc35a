/** OpenAI Usage API, /v1/organization/usage/completions pages (bucketed). */
import { matchJsonKeys } from '../kit/common';
import { asArray, asObject, eachObject, jp, optInt, optString, parseJsonPages, reqInstant, reqInt } from '../kit/json';
import { openAiUsageFact } from './shared';
import type { Importer, ParsedRow } from '../types';

const SIGNATURE = ['data', 'start_time', 'end_time', 'results', 'input_tokens', 'input_cached_tokens', 'num_model_requests'] as const;

export const openaiUsageJson: Importer = {
  id: 'openai-usage-json',
  label: 'OpenAI Usage API (completions, JSON)',
  provider: 'openai',
  signature: SIGNATURE,
  grain: 'day',
  identify: (head) => matchJsonKeys(head, SIGNATURE),
  parse: (source, ctx) =>
    parseJsonPages(source, ctx.signal, (page, root, line) => {
      const buckets = asArray(asObject(page, root || '$').data, jp(root, 'data'));
      const rows: ParsedRow[] = [];
      // A bucket that cannot be read (its times, its results) is an error row naming it, never dropped.
      rows.push(...eachObject(buckets, jp(root, 'data'), line, (b, bpath) => {
        const start = reqInstant(b, 'start_time', bpath);
        const end = reqInstant(b, 'end_time', bpath);
        const results = asArray(b.results, jp(bpath, 'results'));
        rows.push(
          ...eachObject(results, jp(bpath, 'results'), line, (r, path) => {
            const fact = openAiUsageFact(
              {
                start,
                end,
                inputAll: reqInt(r, 'input_tokens', path),
                cached: optInt(r, 'input_cached_tokens', path) ?? 0,
                uncached: optInt(r, 'input_uncached_tokens', path) ?? null,
                cacheWrite: optInt(r, 'input_cache_write_tokens', path) ?? 0,
                output: reqInt(r, 'output_tokens', path),
                requests: optInt(r, 'num_model_requests', path) ?? 0,
                batch: r.batch === true,
                tier: optString(r, 'service_tier', path),
                project: optString(r, 'project_id', path),
                user: optString(r, 'user_id', path),
                key: optString(r, 'api_key_id', path),
                model: optString(r, 'model', path),
              },
              jp(path, 'input_cached_tokens'),
            );
            return { kind: 'fact', line: 0, fact };
          }),
        );
        return null;
      }));
      return rows;
    }),
};

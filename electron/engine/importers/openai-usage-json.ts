/** OpenAI Usage API, /v1/organization/usage/completions pages (bucketed). FORMATS.md §2a. */
import { FieldError, fact, identity, matchJsonKeys, serviceTierOf, tokens } from './common';
import { asArray, asObject, eachObject, jp, optInt, optString, parseJsonPages, reqInstant, reqInt } from './json';
import { granularityOf } from './openai-shared';
import type { Importer, ParsedRow } from './types';

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
      eachObject(buckets, jp(root, 'data'), line, (b, bpath) => {
        const start = reqInstant(b, 'start_time', bpath);
        const end = reqInstant(b, 'end_time', bpath);
        const results = asArray(b.results, jp(bpath, 'results'));
        rows.push(
          ...eachObject(results, jp(bpath, 'results'), line, (r, path) => {
            const inputAll = reqInt(r, 'input_tokens', path);
            const cached = optInt(r, 'input_cached_tokens', path) ?? 0;
            const uncached = optInt(r, 'input_uncached_tokens', path) ?? inputAll - cached;
            if (uncached < 0) throw new FieldError(jp(path, 'input_cached_tokens'), `${jp(path, 'input_cached_tokens')} (${cached}) is larger than input_tokens (${inputAll})`);
            const batch = r.batch === true;
            const tier = optString(r, 'service_tier', path);
            const project = optString(r, 'project_id', path);
            const user = optString(r, 'user_id', path);
            const key = optString(r, 'api_key_id', path);
            const model = optString(r, 'model', path);
            return {
              kind: 'fact',
              line: 0,
              fact: fact({
                identity: identity('oai-use', start / 1000, end / 1000, project, user, key, model, batch, tier),
                start,
                end,
                granularity: granularityOf(start, end),
                provider: 'openai',
                lineType: 'usage',
                project,
                member: user,
                apiKey: key,
                modelRaw: model,
                serviceTier: serviceTierOf(tier, batch),
                tokens: tokens({
                  input: uncached,
                  cache_read: cached,
                  cache_write_5m: optInt(r, 'input_cache_write_tokens', path) ?? 0,
                  output: reqInt(r, 'output_tokens', path),
                }),
                requests: optInt(r, 'num_model_requests', path) ?? 0,
              }),
            };
          }),
        );
        return null;
      });
      return rows;
    }),
};

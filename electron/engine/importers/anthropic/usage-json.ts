/** Anthropic Admin API usage report (/v1/organizations/usage_report/messages). No requests, no cost. */
import { fact, granularityOf, identity, matchJsonKeys, serviceTierOf, tokens } from '../kit/common';
import { asArray, asObject, eachObject, isObject, jp, optInt, optString, parseJsonPages, reqInstant, reqInt } from '../kit/json';
import { contextTierOf, geoOf } from './shared';
import type { Importer, ParsedRow } from '../types';

const SIGNATURE = ['data', 'starting_at', 'ending_at', 'results', 'uncached_input_tokens', 'cache_read_input_tokens', 'output_tokens'] as const;

export const anthropicUsageJson: Importer = {
  id: 'anthropic-usage-json',
  label: 'Anthropic usage report (Admin API, JSON)',
  provider: 'anthropic',
  signature: SIGNATURE,
  grain: 'day',
  identify: (head) => matchJsonKeys(head, SIGNATURE),
  parse: (source, ctx) =>
    parseJsonPages(source, ctx.signal, (page, root, line) => {
      const buckets = asArray(asObject(page, root || '$').data, jp(root, 'data'));
      const rows: ParsedRow[] = [];
      // A bucket that cannot be read (its times, its results) is an error row naming it, never dropped.
      rows.push(...eachObject(buckets, jp(root, 'data'), line, (b, bpath) => {
        const start = reqInstant(b, 'starting_at', bpath);
        const end = reqInstant(b, 'ending_at', bpath);
        const results = asArray(b.results, jp(bpath, 'results'));
        rows.push(
          ...eachObject(results, jp(bpath, 'results'), line, (r, path) => {
            const cc = isObject(r.cache_creation) ? r.cache_creation : {};
            const ccPath = jp(path, 'cache_creation');
            const stu = isObject(r.server_tool_use) ? r.server_tool_use : {};
            const webSearch = optInt(stu, 'web_search_requests', jp(path, 'server_tool_use')) ?? 0;
            const workspace = optString(r, 'workspace_id', path);
            const key = optString(r, 'api_key_id', path);
            const model = optString(r, 'model', path);
            const tier = optString(r, 'service_tier', path);
            const ctxWindow = optString(r, 'context_window', path);
            const geo = optString(r, 'inference_geo', path);
            return {
              kind: 'fact',
              line: 0,
              fact: fact({
                identity: identity('ant-use', start, end, workspace, key, model, tier, ctxWindow, geo, optString(r, 'account_id', path), optString(r, 'service_account_id', path)),
                start,
                end,
                granularity: granularityOf(start, end),
                provider: 'anthropic',
                lineType: 'usage',
                project: workspace,
                apiKey: key,
                member: optString(r, 'account_id', path) ?? optString(r, 'service_account_id', path),
                modelRaw: model,
                inferenceGeo: geoOf(geo),
                serviceTier: serviceTierOf(tier),
                contextTier: contextTierOf(ctxWindow),
                tokens: tokens({
                  input: reqInt(r, 'uncached_input_tokens', path),
                  cache_read: optInt(r, 'cache_read_input_tokens', path) ?? 0,
                  cache_write_5m: optInt(cc, 'ephemeral_5m_input_tokens', ccPath) ?? 0,
                  cache_write_1h: optInt(cc, 'ephemeral_1h_input_tokens', ccPath) ?? 0,
                  output: reqInt(r, 'output_tokens', path),
                }),
                otherUnits: webSearch ? { web_search: webSearch } : null,
              }),
            };
          }),
        );
        return null;
      }));
      return rows;
    }),
};

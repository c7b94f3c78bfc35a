/** Anthropic Admin API cost report (/v1/organizations/cost_report). Amounts are CENTS as decimal strings. */
import { currencyOrThrow, fact, granularityOf, identity, matchJsonKeys, serviceTierOf } from '../kit/common';
import { asArray, asObject, eachObject, jp, optMoney, optString, parseJsonPages, reqInstant, reqString } from '../kit/json';
import { contextTierOf, geoOf } from './shared';
import { FieldError } from '../kit/common';
import type { Importer, ParsedRow } from '../types';

const SIGNATURE = ['data', 'starting_at', 'ending_at', 'results', 'amount', 'currency', 'cost_type'] as const;

export const anthropicCostJson: Importer = {
  id: 'anthropic-cost-json',
  label: 'Anthropic cost report (Admin API, JSON)',
  provider: 'anthropic',
  signature: SIGNATURE,
  grain: 'cost',
  identify: (head) => matchJsonKeys(head, SIGNATURE),
  parse(source, ctx) {
    // The report is not grouped by API key: two keys of one workspace give rows with the same tuple.
    // A repeated tuple gets '#n' (its occurrence in the file).
    const seen = new Map<string, number>();
    return parseJsonPages(source, ctx.signal, (page, root, line) => {
      const buckets = asArray(asObject(page, root || '$').data, jp(root, 'data'));
      const rows: ParsedRow[] = [];
      // A bucket that cannot be read (its times, its results) is an error row naming it, never dropped.
      rows.push(...eachObject(buckets, jp(root, 'data'), line, (b, bpath) => {
        const start = reqInstant(b, 'starting_at', bpath);
        const end = reqInstant(b, 'ending_at', bpath);
        const results = asArray(b.results, jp(bpath, 'results'));
        rows.push(
          ...eachObject(results, jp(bpath, 'results'), line, (r, path) => {
            const nano = optMoney(r, 'amount', path, { divideBy100: true });
            if (nano === null) throw new FieldError(jp(path, 'amount'), 'engine.row.missing', { field: jp(path, 'amount') });
            const currency = currencyOrThrow(jp(path, 'currency'), reqString(r, 'currency', path));
            const workspace = optString(r, 'workspace_id', path);
            const model = optString(r, 'model', path);
            const tier = optString(r, 'service_tier', path);
            const ctxWindow = optString(r, 'context_window', path);
            const geo = optString(r, 'inference_geo', path);
            const costType = optString(r, 'cost_type', path);
            const tokenType = optString(r, 'token_type', path);
            const description = optString(r, 'description', path);
            const tags: Record<string, string> = {};
            if (costType) tags.cost_type = costType;
            if (tokenType) tags.token_type = tokenType;
            if (description) tags.description = description;
            let id = identity('ant-cost', start, end, workspace, description, model, tokenType, costType, tier, ctxWindow, geo);
            const n = (seen.get(id) ?? 0) + 1;
            seen.set(id, n);
            if (n > 1) id += `#${n}`;
            return {
              kind: 'fact',
              line: 0,
              fact: fact({
                identity: id,
                start,
                end,
                granularity: granularityOf(start, end),
                provider: 'anthropic',
                lineType: 'cost',
                project: workspace,
                modelRaw: model,
                inferenceGeo: geoOf(geo),
                serviceTier: serviceTierOf(tier),
                contextTier: contextTierOf(ctxWindow),
                tags: Object.keys(tags).length ? tags : null,
                billed: { nano, currency },
              }),
            };
          }),
        );
        return null;
      }));
      return rows;
    });
  },
};

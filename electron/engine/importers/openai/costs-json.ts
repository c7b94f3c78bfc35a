/** OpenAI Costs API, /v1/organization/costs pages (daily, cost-only). */
import { currencyOrThrow, fact, granularityOf, identity, matchJsonKeys } from '../kit/common';
import { asArray, asObject, eachObject, jp, optMoney, optString, parseJsonPages, reqInstant, reqString } from '../kit/json';
import { splitLineItem } from './shared';
import type { Importer, ParsedRow } from '../types';

const SIGNATURE = ['data', 'start_time', 'end_time', 'results', 'amount', 'currency', 'line_item'] as const;

export const openaiCostsJson: Importer = {
  id: 'openai-costs-json',
  label: 'OpenAI Costs API (JSON)',
  provider: 'openai',
  signature: SIGNATURE,
  grain: 'cost',
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
            const amountPath = jp(path, 'amount');
            const amount = asObject(r.amount, amountPath);
            const nano = optMoney(amount, 'value', amountPath);
            const currency = currencyOrThrow(jp(amountPath, 'currency'), reqString(amount, 'currency', amountPath));
            const lineItem = optString(r, 'line_item', path);
            const project = optString(r, 'project_id', path);
            const key = optString(r, 'api_key_id', path);
            const split = lineItem ? splitLineItem(lineItem) : null;
            return {
              kind: 'fact',
              line: 0,
              fact: fact({
                identity: identity('oai-cost', start / 1000, end / 1000, project, lineItem, key),
                start,
                end,
                granularity: granularityOf(start, end),
                provider: 'openai',
                lineType: 'cost',
                project,
                apiKey: key,
                account: optString(r, 'organization_id', path),
                modelRaw: split?.model ?? null,
                tags: lineItem ? { line_item: lineItem } : null,
                billed: nano === null ? null : { nano, currency },
              }),
            };
          }),
        );
        return null;
      }));
      return rows;
    }),
};

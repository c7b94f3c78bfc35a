/**
 * Anthropic Console cost export (claude_api_cost_*.csv). Cost-only; cost_usd is rounded to cents per row;
 * '--' means not applicable.
 * The export does not tell batch from standard (usage_type is 'message' for both), so two rows can share
 * every key column: a repeated key gets '#n' (its occurrence in the file) in its identity.
 */
import { DAY_MS, fact, identity, matchColumns } from '../kit/common';
import { dateCell, moneyCell, parseCsv, textCell } from '../kit/csv';
import { contextTierOf, geoOf } from './shared';
import type { Importer } from '../types';

const SIGNATURE = ['usage_date_utc', 'model', 'workspace', 'api_key', 'token_type', 'cost_usd'] as const;
const NA = ['--'] as const;

export const anthropicConsoleCostCsv: Importer = {
  id: 'anthropic-console-cost-csv',
  label: 'Anthropic Console cost CSV',
  provider: 'anthropic',
  signature: SIGNATURE,
  grain: 'cost',
  identify: (head) => matchColumns(head, SIGNATURE),
  parse(source, ctx) {
    const seen = new Map<string, number>();
    return parseCsv(source, ctx, (row) => {
      const date = textCell(row, 'usage_date_utc');
      const start = dateCell(row, 'usage_date_utc');
      const model = textCell(row, 'model', NA);
      const workspace = textCell(row, 'workspace', NA);
      const key = textCell(row, 'api_key', NA);
      const usageType = textCell(row, 'usage_type', NA);
      const ctxWindow = textCell(row, 'context_window', NA);
      const tokenType = textCell(row, 'token_type', NA);
      const costType = textCell(row, 'cost_type', NA);
      const geo = textCell(row, 'inference_geo', NA);
      const nano = moneyCell(row, 'cost_usd')!;
      let id = identity('ant-con-cost', date, workspace, key, model, usageType, ctxWindow, tokenType, costType, geo);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n > 1) id += `#${n}`;
      const tags: Record<string, string> = {};
      if (tokenType) tags.token_type = tokenType;
      if (costType) tags.cost_type = costType;
      const list = textCell(row, 'list_price_usd', NA);
      if (list) tags.list_price_usd = list;
      return {
        kind: 'fact',
        line: row.line,
        fact: fact({
          identity: id,
          start,
          end: start + DAY_MS,
          granularity: 'day',
          provider: 'anthropic',
          lineType: 'cost',
          project: workspace,
          apiKey: key,
          modelRaw: model,
          inferenceGeo: geoOf(geo),
          contextTier: contextTierOf(ctxWindow),
          tags: Object.keys(tags).length ? tags : null,
          billed: { nano, currency: 'USD' },
        }),
      };
    });
  },
};

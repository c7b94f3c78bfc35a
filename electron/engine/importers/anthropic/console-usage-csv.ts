/** Anthropic Console token usage export (console -> Usage -> Export). */
import { DAY_MS, fact, identity, matchColumns, serviceTierOf, tokens } from '../kit/common';
import { dateCell, intCell, parseCsv, requiredInt, textCell } from '../kit/csv';
import { contextTierOf, geoOf } from './shared';
import type { Importer } from '../types';

const SIGNATURE = ['usage_date_utc', 'model_version', 'api_key', 'workspace', 'usage_input_tokens_no_cache', 'usage_input_tokens_cache_read', 'usage_output_tokens'] as const;

export const anthropicConsoleUsageCsv: Importer = {
  id: 'anthropic-console-usage-csv',
  label: 'Anthropic Console usage CSV',
  provider: 'anthropic',
  signature: SIGNATURE,
  grain: 'day',
  identify: (head) => matchColumns(head, SIGNATURE),
  parse: (source, ctx) =>
    parseCsv(source, ctx, (row) => {
      const date = textCell(row, 'usage_date_utc');
      const start = dateCell(row, 'usage_date_utc');
      const model = textCell(row, 'model_version');
      const key = textCell(row, 'api_key', ['--']);
      const workspace = textCell(row, 'workspace', ['--']);
      const usageType = textCell(row, 'usage_type');
      const ctxWindow = textCell(row, 'context_window', ['--']);
      const geo = textCell(row, 'inference_geo', ['--']);
      const speed = textCell(row, 'speed', ['--']);
      // Oldest form: one cache-write column, counted as 5-minute writes.
      const write5m = row.has('usage_input_tokens_cache_write_5m')
        ? (intCell(row, 'usage_input_tokens_cache_write_5m', { optional: true }) ?? 0)
        : (intCell(row, 'usage_input_tokens_cache_write', { optional: true }) ?? 0);
      const webSearch = intCell(row, 'web_search_count', { optional: true }) ?? 0;
      return {
        kind: 'fact',
        line: row.line,
        fact: fact({
          identity: identity('ant-con-use', date, workspace, key, model, usageType, ctxWindow, geo, speed),
          start,
          end: start + DAY_MS,
          granularity: 'day',
          provider: 'anthropic',
          lineType: 'usage',
          project: workspace,
          apiKey: key,
          modelRaw: model,
          inferenceGeo: geoOf(geo),
          serviceTier: serviceTierOf(usageType),
          contextTier: contextTierOf(ctxWindow),
          tags: speed ? { speed } : null,
          tokens: tokens({
            input: requiredInt(row, 'usage_input_tokens_no_cache'),
            cache_write_5m: write5m,
            cache_write_1h: intCell(row, 'usage_input_tokens_cache_write_1h', { optional: true }) ?? 0,
            cache_read: intCell(row, 'usage_input_tokens_cache_read', { optional: true }) ?? 0,
            output: requiredInt(row, 'usage_output_tokens'),
          }),
          otherUnits: webSearch ? { web_search: webSearch } : null,
        }),
      };
    }),
};

/** OpenAI dashboard usage export (platform.openai.com/usage -> Export). Same identities as openai-usage-json. */
import { matchColumns } from '../kit/common';
import { boolCell, intCell, parseCsv, requiredInt, textCell, unixSecondsCell } from '../kit/csv';
import { openAiUsageFact } from './shared';
import type { Importer } from '../types';

const SIGNATURE = ['start_time', 'end_time', 'num_model_requests', 'model', 'input_tokens', 'output_tokens', 'input_cached_tokens'] as const;

export const openaiDashboardUsageCsv: Importer = {
  id: 'openai-dashboard-usage-csv',
  label: 'OpenAI dashboard usage CSV',
  provider: 'openai',
  signature: SIGNATURE,
  grain: 'day',
  identify: (head) => matchColumns(head, SIGNATURE),
  parse: (source, ctx) =>
    parseCsv(source, ctx, (row) => {
      const start = unixSecondsCell(row, 'start_time');
      const end = unixSecondsCell(row, 'end_time');
      if (row.isEmpty(['start_time', 'end_time', 'start_time_iso', 'end_time_iso'])) {
        return { kind: 'skip', line: row.line, reason: 'empty bucket (no usage that day)' };
      }
      const fact = openAiUsageFact(
        {
          start,
          end,
          inputAll: requiredInt(row, 'input_tokens'),
          cached: intCell(row, 'input_cached_tokens', { optional: true }) ?? 0,
          uncached: intCell(row, 'input_uncached_tokens', { optional: true }) ?? null,
          cacheWrite: intCell(row, 'input_cache_write_tokens', { optional: true }) ?? 0,
          output: requiredInt(row, 'output_tokens'),
          requests: intCell(row, 'num_model_requests', { optional: true }) ?? 0,
          batch: boolCell(row, 'batch') ?? false,
          tier: textCell(row, 'service_tier'),
          project: textCell(row, 'project_id'),
          user: textCell(row, 'user_id'),
          key: textCell(row, 'api_key_id'),
          model: textCell(row, 'model'),
        },
        'input_cached_tokens',
      );
      return { kind: 'fact', line: row.line, fact };
    }),
};

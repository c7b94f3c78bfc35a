/** OpenAI dashboard usage export (platform.openai.com/usage -> Export). FORMATS.md §2c. Same identities as openai-usage-json. */
import { FieldError, fact, identity, matchColumns, serviceTierOf, tokens } from './common';
import { boolCell, intCell, parseCsv, requiredInt, textCell, unixSecondsCell } from './csv';
import { granularityOf } from './openai-shared';
import type { Importer } from './types';

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
      const inputAll = requiredInt(row, 'input_tokens');
      const cached = intCell(row, 'input_cached_tokens', { optional: true }) ?? 0;
      const uncached = intCell(row, 'input_uncached_tokens', { optional: true }) ?? inputAll - cached;
      if (uncached < 0) throw new FieldError('input_cached_tokens', `input_cached_tokens (${cached}) is larger than input_tokens (${inputAll})`);
      const batch = boolCell(row, 'batch') ?? false;
      const tier = textCell(row, 'service_tier');
      const project = textCell(row, 'project_id');
      const user = textCell(row, 'user_id');
      const key = textCell(row, 'api_key_id');
      const model = textCell(row, 'model');
      return {
        kind: 'fact',
        line: row.line,
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
            cache_write_5m: intCell(row, 'input_cache_write_tokens', { optional: true }) ?? 0,
            output: requiredInt(row, 'output_tokens'),
          }),
          requests: intCell(row, 'num_model_requests', { optional: true }) ?? 0,
        }),
      };
    }),
};

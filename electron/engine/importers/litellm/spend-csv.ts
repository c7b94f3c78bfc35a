/**
 * LiteLLM proxy spend logs (LiteLLM_SpendLogs table or /spend/logs dumped to CSV).
 * provider 'litellm' (the gateway's own accounting); the upstream (custom_llm_provider) is the host.
 * `spend` is the cost LiteLLM computed from its own price map: recorded by the tool, never a bill (the
 * upstream provider's bill, when imported, is the spend for the same day and model).
 */
import { FieldError, fact, identity, matchColumns, tokens } from '../kit/common';
import { dateCell, moneyCell, parseCsv, requiredInt, requiredText, textCell } from '../kit/csv';
import { isObject, parseJson } from '../kit/json';
import type { Importer } from '../types';

const SIGNATURE = ['request_id', 'spend', 'prompt_tokens', 'completion_tokens', 'startTime', 'model'] as const;

export const litellmSpendCsv: Importer = {
  id: 'litellm-spend-csv',
  label: 'LiteLLM spend logs CSV',
  provider: 'litellm',
  signature: SIGNATURE,
  grain: 'request',
  identify: (head) => matchColumns(head, SIGNATURE),
  parse: (source, ctx) =>
    parseCsv(source, ctx, (row) => {
      const id = requiredText(row, 'request_id');
      const start = dateCell(row, 'startTime');
      const end = textCell(row, 'endTime') ? dateCell(row, 'endTime') : start + 1;
      const meta: Record<string, string> = {};
      const metaText = textCell(row, 'metadata');
      if (metaText) {
        try {
          const m = parseJson(metaText);
          if (isObject(m)) for (const [k, v] of Object.entries(m)) if (typeof v === 'string') meta[k] = v;
        } catch {
          throw new FieldError('metadata', 'engine.row.notJson', { field: 'metadata', value: metaText.slice(0, 60) });
        }
      }
      const tags: Record<string, string> = {};
      const requestTags = textCell(row, 'request_tags');
      if (requestTags) tags.request_tags = requestTags;
      const team = textCell(row, 'team_id');
      if (team) tags.team_id = team;
      if (meta.user_api_key_team_alias) tags.team_alias = meta.user_api_key_team_alias;
      const status = textCell(row, 'status');
      if (status) tags.status = status;
      const cost = moneyCell(row, 'spend')!;
      return {
        kind: 'fact',
        line: row.line,
        fact: fact({
          identity: identity('litellm', id),
          start,
          end: Math.max(end, start + 1),
          granularity: 'request',
          provider: 'litellm',
          lineType: 'usage',
          account: textCell(row, 'organization_id'),
          project: meta.project_id ?? team,
          apiKey: meta.user_api_key_alias ?? textCell(row, 'api_key'),
          member: textCell(row, 'user') ?? textCell(row, 'end_user'),
          modelRaw: textCell(row, 'model'),
          host: textCell(row, 'custom_llm_provider'),
          tags: Object.keys(tags).length ? tags : null,
          tokens: tokens({ input: requiredInt(row, 'prompt_tokens'), output: requiredInt(row, 'completion_tokens') }),
          requests: 1,
          billed: null,
          recorded: { nano: cost, currency: 'USD' },
        }),
      };
    }),
};

/**
 * OpenAI dashboard cost export, both header forms (old: amount_value,amount_currency,line_item,project_id,
 * organization_id,...; newer adds quantity, user_id, api_key_id, project_name...). Cost-only.
 */
import { currencyOrThrow, fact, granularityOf, identity, matchColumns } from '../kit/common';
import { moneyCell, parseCsv, requiredText, textCell, unixSecondsCell } from '../kit/csv';
import { splitLineItem } from './shared';
import type { Importer } from '../types';

const SIGNATURE = ['start_time', 'end_time', 'amount_value', 'amount_currency', 'line_item', 'project_id'] as const;

export const openaiDashboardCostCsv: Importer = {
  id: 'openai-dashboard-cost-csv',
  label: 'OpenAI dashboard cost CSV',
  provider: 'openai',
  signature: SIGNATURE,
  grain: 'cost',
  identify: (head) => matchColumns(head, SIGNATURE),
  parse: (source, ctx) =>
    parseCsv(source, ctx, (row) => {
      const start = unixSecondsCell(row, 'start_time');
      const end = unixSecondsCell(row, 'end_time');
      if (row.isEmpty(['start_time', 'end_time', 'start_time_iso', 'end_time_iso'])) {
        return { kind: 'skip', line: row.line, reason: 'empty bucket (no cost that day)' };
      }
      const nano = moneyCell(row, 'amount_value')!;
      const currency = currencyOrThrow('amount_currency', requiredText(row, 'amount_currency'));
      const lineItem = textCell(row, 'line_item');
      const project = textCell(row, 'project_id');
      const key = textCell(row, 'api_key_id');
      return {
        kind: 'fact',
        line: row.line,
        fact: fact({
          identity: identity('oai-cost', start / 1000, end / 1000, project, lineItem, key),
          start,
          end,
          granularity: granularityOf(start, end),
          provider: 'openai',
          lineType: 'cost',
          account: textCell(row, 'organization_id'),
          project,
          apiKey: key,
          member: textCell(row, 'user_id') ?? textCell(row, 'user_email'),
          modelRaw: lineItem ? splitLineItem(lineItem).model : null,
          tags: lineItem ? { line_item: lineItem } : null,
          billed: { nano, currency },
        }),
      };
    }),
};

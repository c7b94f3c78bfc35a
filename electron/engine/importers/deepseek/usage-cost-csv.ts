/** DeepSeek platform usage export, cost-YYYY-M.csv (cost-only, per day x model x wallet). */
import { DAY_MS, currencyOrThrow, fact, identity, matchColumns } from '../kit/common';
import { dateCell, moneyCell, parseCsv, requiredText, textCell } from '../kit/csv';
import type { Importer } from '../types';

const SIGNATURE = ['utc_date', 'model', 'wallet_type', 'cost', 'currency'] as const;

export const deepseekUsageCostCsv: Importer = {
  id: 'deepseek-usage-cost-csv',
  label: 'DeepSeek usage export (cost CSV)',
  provider: 'deepseek',
  signature: SIGNATURE,
  grain: 'cost',
  identify: (head) => matchColumns(head, SIGNATURE),
  parse: (source, ctx) =>
    parseCsv(source, ctx, (row) => {
      const date = textCell(row, 'utc_date');
      const start = dateCell(row, 'utc_date', 'compact');
      const wallet = (textCell(row, 'wallet_type') ?? '').toLowerCase();
      const model = textCell(row, 'model');
      return {
        kind: 'fact',
        line: row.line,
        fact: fact({
          identity: identity('ds-cost', textCell(row, 'user_id'), date, model, wallet),
          start,
          end: start + DAY_MS,
          granularity: 'day',
          provider: 'deepseek',
          lineType: 'cost',
          account: textCell(row, 'user_id'),
          modelRaw: model,
          tags: wallet ? { wallet_type: wallet } : null,
          billed: { nano: moneyCell(row, 'cost')!, currency: currencyOrThrow('currency', requiredText(row, 'currency')) },
        }),
      };
    }),
};

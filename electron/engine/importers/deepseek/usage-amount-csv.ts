/**
 * DeepSeek platform usage export, amount-YYYY-M.csv (long: one row per day x model x key x type;
 * price is per token; request_count rows have no price). BOM + CRLF.
 * The file has no currency column: CNY (the mainland platform's account currency) is assumed.
 */
import { DAY_MS, FieldError, fact, identity, matchColumns, moneyOrThrow, tokens } from '../kit/common';
import { dateCell, parseCsv, requiredInt, requiredText, textCell } from '../kit/csv';
import type { Importer } from '../types';

const SIGNATURE = ['utc_date', 'model', 'api_key_name', 'type', 'price', 'amount'] as const;
const CLASSES = { input_cache_hit_tokens: 'cache_read', input_cache_miss_tokens: 'input', output_tokens: 'output' } as const;

export const deepseekUsageAmountCsv: Importer = {
  id: 'deepseek-usage-amount-csv',
  label: 'DeepSeek usage export (amount CSV)',
  provider: 'deepseek',
  signature: SIGNATURE,
  grain: 'day',
  identify: (head) => matchColumns(head, SIGNATURE),
  parse: (source, ctx) =>
    parseCsv(source, ctx, (row) => {
      const date = textCell(row, 'utc_date');
      const start = dateCell(row, 'utc_date', 'compact');
      const type = requiredText(row, 'type');
      const amount = requiredInt(row, 'amount');
      const tk = tokens({});
      let requests = 0;
      if (type === 'request_count') requests = amount;
      else if (type in CLASSES) tk[CLASSES[type as keyof typeof CLASSES]] = amount;
      else throw new FieldError('type', 'engine.row.notOneOf', { field: 'type', value: type, allowed: 'input_cache_hit_tokens, input_cache_miss_tokens, output_tokens, request_count' });
      const priceText = textCell(row, 'price');
      const billed = priceText === null ? null : { nano: moneyOrThrow('price', priceText) * BigInt(amount), currency: 'CNY' };
      const model = textCell(row, 'model');
      const keyName = textCell(row, 'api_key_name');
      const key = textCell(row, 'api_key');
      return {
        kind: 'fact',
        line: row.line,
        fact: fact({
          identity: identity('ds-amt', textCell(row, 'user_id'), date, model, keyName, key, type),
          start,
          end: start + DAY_MS,
          granularity: 'day',
          provider: 'deepseek',
          lineType: 'usage',
          account: textCell(row, 'user_id'),
          apiKey: keyName ?? key,
          modelRaw: model,
          host: 'deepseek',
          tags: key ? { api_key: key } : null,
          tokens: tk,
          requests,
          billed,
        }),
      };
    }),
};

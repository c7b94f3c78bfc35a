/**
 * Google Cloud Console "Reports" CSV download (Date, Service description, SKU description, Usage amount with
 * quoted thousands, Unrounded subtotal ($)). Daily. A different header from the BigQuery export, hence its own
 * importer.
 */
import { DAY_MS, FieldError, fact, identity, matchColumns, scaleToInteger, tokens } from '../kit/common';
import { dateCell, moneyCell, parseCsv, requiredText, textCell } from '../kit/csv';
import { parseSku, providerOfService } from './shared';
import type { Importer } from '../types';

const SIGNATURE = ['Date', 'Service description', 'SKU description', 'Usage amount', 'Usage unit'] as const;
const SYMBOLS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };

export const gcpBillingReportsCsv: Importer = {
  id: 'gcp-billing-reports-csv',
  label: 'Google Cloud Billing Reports CSV (Vertex AI, Gemini API)',
  provider: 'google-gemini-api',
  signature: SIGNATURE,
  grain: 'day',
  identify: (head) => matchColumns(head, SIGNATURE),
  parse: (source, ctx) =>
    parseCsv(source, ctx, (row) => {
      const serviceId = textCell(row, 'Service ID');
      const serviceDesc = textCell(row, 'Service description');
      const provider = providerOfService(serviceId, serviceDesc);
      if (provider === null) return { kind: 'skip', line: row.line, reason: `not Vertex AI or Gemini API (${serviceDesc ?? 'no service'})` };
      const costCol = Object.keys(row.record()).find((h) => /^unrounded subtotal/.test(h)) ?? Object.keys(row.record()).find((h) => /^subtotal/.test(h));
      if (!costCol) throw new FieldError('Subtotal', 'engine.row.noColumn', { field: 'Subtotal' });
      const symbol = /\((.+)\)/.exec(costCol)?.[1] ?? '$';
      const currency = SYMBOLS[symbol] ?? symbol.toUpperCase();
      const date = textCell(row, 'Date');
      const start = dateCell(row, 'Date');
      const skuDesc = requiredText(row, 'SKU description');
      const sku = parseSku(skuDesc);
      const unit = (textCell(row, 'Usage unit') ?? '').toLowerCase();
      const amountText = (textCell(row, 'Usage amount') ?? '0').replace(/,(?=\d{3}(\D|$))/g, '');
      const tk = tokens({});
      let otherUnits: Record<string, number> | null = null;
      if (sku.cls && (unit === 'count' || unit === 'tokens')) {
        let n: number;
        try {
          n = scaleToInteger(amountText, 1);
        } catch {
          throw new FieldError('Usage amount', 'engine.row.notNumberQuoted', { field: 'Usage amount', value: textCell(row, 'Usage amount') ?? '' });
        }
        if (n < 0) throw new FieldError('Usage amount', 'engine.row.negativeCountQuoted', { field: 'Usage amount', value: amountText });
        tk[sku.cls] = n;
      } else otherUnits = { [unit || 'units']: Number(amountText) };
      const cost = moneyCell(row, costCol)!;
      return {
        kind: 'fact',
        line: row.line,
        fact: fact({
          identity: identity('gcp-rep', date, serviceId, textCell(row, 'SKU ID'), skuDesc),
          start,
          end: start + DAY_MS,
          granularity: 'day',
          provider,
          lineType: 'usage',
          modelRaw: sku.model,
          host: provider,
          contextTier: sku.contextTier,
          tags: { sku: skuDesc },
          tokens: tk,
          otherUnits,
          billed: { nano: cost, currency },
        }),
      };
    }),
};

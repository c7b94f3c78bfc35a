/**
 * Google Cloud Billing export to BigQuery, flattened to CSV (service.description, sku.description,
 * usage_start_time 'YYYY-MM-DD HH:MM:SS UTC', credits as a JSON cell). Vertex AI and Gemini API rows are facts;
 * other services and tax rows are skipped (expected-totals: "tax row excluded"). cost = cost + Σ credits[].amount.
 *
 */
import { DAY_MS, FieldError, currencyOrThrow, fact, identity, matchColumns, moneyOrThrow, scaleToInteger, tokens } from '../kit/common';
import { dateCell, moneyCell, parseCsv, requiredText, textCell } from '../kit/csv';
import { JsonNum, isObject, parseJson } from '../kit/json';
import { parseSku, providerOfService } from './shared';
import type { Importer } from '../types';

const SIGNATURE = ['billing_account_id', 'service.description', 'sku.description', 'usage_start_time', 'usage_end_time', 'cost', 'currency', 'usage.amount'] as const;

export const gcpBillingCsv: Importer = {
  id: 'gcp-billing-csv',
  label: 'Google Cloud Billing export (BigQuery CSV: Vertex AI, Gemini API)',
  provider: 'gcp-vertex',
  signature: SIGNATURE,
  grain: 'hour',
  identify: (head) => matchColumns(head, SIGNATURE),
  parse(source, ctx) {
    const seen = new Map<string, number>();
    return parseCsv(source, ctx, (row) => {
      const costType = (textCell(row, 'cost_type') ?? 'regular').toLowerCase();
      const serviceId = textCell(row, 'service.id');
      const serviceDesc = textCell(row, 'service.description');
      if (costType === 'tax') return { kind: 'skip', line: row.line, reason: 'tax row (not attributable to a model)' };
      const provider = providerOfService(serviceId, serviceDesc);
      if (provider === null) return { kind: 'skip', line: row.line, reason: `not Vertex AI or Gemini API (${serviceDesc ?? 'no service'})` };
      const skuDesc = requiredText(row, 'sku.description');
      const start = dateCell(row, 'usage_start_time');
      const end = dateCell(row, 'usage_end_time');
      let net = moneyCell(row, 'cost')!;
      const creditsText = textCell(row, 'credits');
      let creditTotal = 0n;
      if (creditsText && creditsText !== '[]') {
        let credits;
        try {
          credits = parseJson(creditsText);
        } catch {
          throw new FieldError('credits', `credits is not valid JSON: ${creditsText.slice(0, 60)}`);
        }
        if (!Array.isArray(credits)) throw new FieldError('credits', 'credits is not a JSON array');
        for (const c of credits) {
          const amount = isObject(c) ? c.amount : undefined;
          const text = amount instanceof JsonNum ? amount.text : typeof amount === 'string' ? amount : null;
          if (text === null) throw new FieldError('credits', 'a credit has no amount');
          creditTotal += moneyOrThrow('credits', text);
        }
      }
      net += creditTotal;
      const currency = currencyOrThrow('currency', requiredText(row, 'currency'));
      const sku = parseSku(skuDesc);
      const unit = (textCell(row, 'usage.unit') ?? '').toLowerCase();
      const amountText = textCell(row, 'usage.amount') ?? '0';
      const tk = tokens({});
      let otherUnits: Record<string, number> | null = null;
      if (sku.cls && (unit === 'count' || unit === 'tokens' || unit === 'token')) {
        let n: number;
        try {
          n = scaleToInteger(amountText, 1, row.decimalComma);
        } catch {
          throw new FieldError('usage.amount', `usage.amount is not a number: "${amountText}"`);
        }
        if (n < 0) throw new FieldError('usage.amount', `usage.amount is negative ("${amountText}"); a count cannot be negative`);
        tk[sku.cls] = n;
      } else {
        otherUnits = { [unit || 'units']: Number(amountText) };
      }
      const tags: Record<string, string> = { sku: skuDesc };
      if (creditTotal !== 0n) tags.credits = creditsText!;
      const labels = textCell(row, 'labels');
      if (labels && labels !== '[]') {
        try {
          const arr = parseJson(labels);
          if (Array.isArray(arr)) for (const l of arr) if (isObject(l) && typeof l.key === 'string' && typeof l.value === 'string') tags[l.key] = l.value;
        } catch {
          throw new FieldError('labels', `labels is not valid JSON: ${labels.slice(0, 60)}`);
        }
      }
      const region = textCell(row, 'location.region') ?? textCell(row, 'location.location');
      let id = identity('gcp-bq', textCell(row, 'billing_account_id'), textCell(row, 'project.id'), serviceId, textCell(row, 'sku.id'), start, end, region, costType);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n > 1) id += `#${n}`;
      const width = end - start;
      return {
        kind: 'fact',
        line: row.line,
        fact: fact({
          identity: id,
          start,
          end,
          granularity: width >= 28 * DAY_MS ? 'month' : width >= DAY_MS ? 'day' : 'hour',
          provider,
          lineType: costType === 'regular' || costType === '' ? 'usage' : net < 0n ? 'credit' : 'fee',
          account: textCell(row, 'billing_account_id'),
          project: textCell(row, 'project.id'),
          modelRaw: sku.model,
          host: provider,
          inferenceGeo: region,
          contextTier: sku.contextTier,
          tags,
          tokens: tk,
          otherUnits,
          billed: { nano: net, currency },
        }),
      };
    });
  },
};

/**
 * Google Cloud Billing export to BigQuery, flattened to CSV (service.description, sku.description,
 * usage_start_time 'YYYY-MM-DD HH:MM:SS UTC', credits as a JSON cell). Vertex AI and Gemini API rows are facts;
 * other services and tax rows are skipped (expected-totals: "tax row excluded"). A usage row's cost is its charge
 * at list; its credits (a committed-use discount, a promotion) are their own credit line of the same model and
 * hour, so the charge compares with the price book and the credit shows as what it is. Their sum is the net.
 *
 */
import { DAY_MS, FieldError, currencyOrThrow, fact, identity, matchColumns, moneyOrThrow, scaleToInteger, tokens } from '../kit/common';
import { dateCell, moneyCell, parseCsv, requiredText, textCell } from '../kit/csv';
import { JsonNum, isObject, parseJson } from '../kit/json';
import { parseSku, providerOfService } from './shared';
import type { Importer } from '../types';

const SIGNATURE = ['billing_account_id', 'service.description', 'sku.description', 'usage_start_time', 'usage_end_time', 'cost', 'currency', 'usage.amount'] as const;

/** The credits cell: a JSON array of { name, amount, type, ... } (amounts negative), summed, with their names. */
function creditsOf(creditsText: string | null): { total: bigint; names: string[] } {
  const names: string[] = [];
  let total = 0n;
  if (!creditsText || creditsText === '[]') return { total, names };
  let credits;
  try {
    credits = parseJson(creditsText);
  } catch {
    throw new FieldError('credits', 'engine.row.notJson', { field: 'credits', value: creditsText.slice(0, 60) });
  }
  if (!Array.isArray(credits)) throw new FieldError('credits', 'engine.row.notJsonArray', { field: 'credits' });
  for (const c of credits) {
    const amount = isObject(c) ? c.amount : undefined;
    const text = amount instanceof JsonNum ? amount.text : typeof amount === 'string' ? amount : null;
    if (text === null) throw new FieldError('credits', 'engine.row.google.creditNoAmount');
    total += moneyOrThrow('credits', text);
    const name = isObject(c) ? (typeof c.name === 'string' && c.name ? c.name : typeof c.type === 'string' ? c.type : null) : null;
    if (name && !names.includes(name)) names.push(name);
  }
  return { total, names };
}

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
      const cost = moneyCell(row, 'cost')!;
      const creditsText = textCell(row, 'credits');
      const { total: creditTotal, names: creditNames } = creditsOf(creditsText);
      const net = cost + creditTotal;
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
          throw new FieldError('usage.amount', 'engine.row.notNumberQuoted', { field: 'usage.amount', value: amountText });
        }
        if (n < 0) throw new FieldError('usage.amount', 'engine.row.negativeCountQuoted', { field: 'usage.amount', value: amountText });
        tk[sku.cls] = n;
      } else {
        otherUnits = { [unit || 'units']: Number(amountText) };
      }
      const tags: Record<string, string> = { sku: skuDesc };
      const labels = textCell(row, 'labels');
      if (labels && labels !== '[]') {
        try {
          const arr = parseJson(labels);
          if (Array.isArray(arr)) for (const l of arr) if (isObject(l) && typeof l.key === 'string' && typeof l.value === 'string') tags[l.key] = l.value;
        } catch {
          throw new FieldError('labels', 'engine.row.notJson', { field: 'labels', value: labels.slice(0, 60) });
        }
      }
      const region = textCell(row, 'location.region') ?? textCell(row, 'location.location');
      let id = identity('gcp-bq', textCell(row, 'billing_account_id'), textCell(row, 'project.id'), serviceId, textCell(row, 'sku.id'), start, end, region, costType);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n > 1) id += `#${n}`;
      const width = end - start;
      const regular = costType === 'regular' || costType === '';
      const base = fact({
        identity: id,
        start,
        end,
        granularity: width >= 28 * DAY_MS ? 'month' : width >= DAY_MS ? 'day' : 'hour',
        provider,
        lineType: regular ? 'usage' : net < 0n ? 'credit' : 'fee',
        account: textCell(row, 'billing_account_id'),
        project: textCell(row, 'project.id'),
        modelRaw: sku.model,
        host: provider,
        inferenceGeo: region,
        contextTier: sku.contextTier,
        tags,
        tokens: tk,
        otherUnits,
        billed: { nano: regular ? cost : net, currency },
      });
      if (!regular || creditTotal === 0n) return { kind: 'fact', line: row.line, fact: base };
      const credit = fact({
        ...base,
        identity: `${id}#credits`,
        lineType: 'credit',
        tags: { ...tags, credits: creditsText!, ...(creditNames.length ? { credit: creditNames.join(', ') } : {}) },
        tokens: tokens({}),
        otherUnits: null,
        billed: { nano: creditTotal, currency },
      });
      return [
        { kind: 'fact', line: row.line, fact: base },
        { kind: 'fact', line: row.line, fact: credit },
      ];
    });
  },
};

/**
 * AWS Cost and Usage Report, legacy (lineItem/UsageType) and CUR 2.0 (line_item_usage_type) columns.
 * Bedrock rows (ProductCode AmazonBedrock*) are facts; other products are skipped.
 */
import type { LineType, TokenClass } from '../../../../shared/domain/fact';
import { DAY_MS, FieldError, currencyOrThrow, fact, identity, scaleToInteger, tokens } from '../kit/common';
import { CsvRow, dateCell, moneyCell, parseCsv, textCell } from '../kit/csv';
import type { FileHead, Identification, Importer } from '../types';

const COLUMNS = {
  id: ['identity/LineItemId', 'identity_line_item_id'],
  account: ['lineItem/UsageAccountId', 'line_item_usage_account_id'],
  type: ['lineItem/LineItemType', 'line_item_line_item_type'],
  start: ['lineItem/UsageStartDate', 'line_item_usage_start_date'],
  end: ['lineItem/UsageEndDate', 'line_item_usage_end_date'],
  product: ['lineItem/ProductCode', 'line_item_product_code'],
  usageType: ['lineItem/UsageType', 'line_item_usage_type'],
  resource: ['lineItem/ResourceId', 'line_item_resource_id'],
  amount: ['lineItem/UsageAmount', 'line_item_usage_amount'],
  currency: ['lineItem/CurrencyCode', 'line_item_currency_code'],
  cost: ['lineItem/UnblendedCost', 'line_item_unblended_cost'],
  productName: ['product/ProductName', 'product_product_name'],
  region: ['product/region', 'product_region_code'],
  unit: ['pricing/unit', 'pricing_unit'],
  principal: ['lineItem/IamPrincipal', 'line_item_iam_principal'],
} as const;
type Col = keyof typeof COLUMNS;
const SIGNATURE_KEYS: Col[] = ['id', 'type', 'start', 'product', 'usageType', 'amount', 'cost'];

function sig(form: 0 | 1): string[] {
  return SIGNATURE_KEYS.map((k) => COLUMNS[k][form]);
}

function col(row: CsvRow, k: Col): string {
  const [legacy, cur2] = COLUMNS[k];
  return row.has(legacy) ? legacy : cur2;
}

function identifyCur(head: FileHead): Identification {
  if (!head.csvHeader) return { match: false, score: 0, missing: sig(0) };
  const have = new Set(head.csvHeader.map((h) => h.toLowerCase()));
  let best: Identification = { match: false, score: 0, missing: sig(0) };
  for (const form of [0, 1] as const) {
    const s = sig(form);
    const missing = s.filter((c) => !have.has(c.toLowerCase()));
    if (missing.length === 0) return { match: true };
    const score = (s.length - missing.length) / s.length;
    if (!best.match && score > best.score) best = { match: false, score, missing };
  }
  return best;
}

function lineTypeOf(t: string): LineType {
  const v = t.toLowerCase();
  if (v === 'usage' || v === 'discountedusage' || v === 'savingsplancoveredusage') return 'usage';
  if (v === 'credit' || v === 'refund' || v === 'bundleddiscount' || v === 'edpdiscount' || v === 'privaterateddiscount') return 'credit';
  if (v === 'tax') return 'tax';
  return 'fee';
}

/** Token class from a Bedrock usage type: 'USE1-NovaLite-input-tokens', '...cache-read-input-token-count', 'MP:USE1_OutputTokenCount-Units'. */
function tokenClassOf(usageType: string): TokenClass | null {
  const u = usageType.toLowerCase().replace(/_/g, '-');
  if (/cache-?read/.test(u)) return 'cache_read';
  if (/cache-?write/.test(u)) return 'cache_write_5m';
  if (/output/.test(u)) return 'output';
  if (/input/.test(u)) return 'input';
  return null;
}

/** Tokens per unit of UsageAmount, from pricing/unit: '1K tokens' -> 1000, 'Units' (Marketplace) -> 1M (inferred). */
function unitMultiplier(unit: string | null): number | null {
  const u = (unit ?? '').trim().toLowerCase();
  if (u === 'units' || u === 'unit') return 1_000_000;
  const m = /^(\d+(?:\.\d+)?)?\s*([km])?\s*tokens?$/.exec(u);
  if (!m) return null;
  const n = m[1] ? Number(m[1]) : 1;
  return n * (m[2] === 'k' ? 1000 : m[2] === 'm' ? 1_000_000 : 1);
}

function modelOf(usageType: string | null, resource: string | null, productName: string | null): string | null {
  const arn = resource ? /\/([^/]+)$/.exec(resource) : null;
  if (arn && resource!.startsWith('arn:')) return arn[1]!;
  if (usageType && !usageType.includes('MP:')) {
    const m = /^[A-Z]{2,4}\d?-(.+?)-(?:mantle-)?(?:cache-(?:read|write)-)?(?:input|output)-/i.exec(usageType + '-');
    if (m) return m[1]!;
  }
  return productName;
}

export const awsCur: Importer = {
  id: 'aws-cur',
  label: 'AWS Cost and Usage Report (Bedrock)',
  provider: 'aws-bedrock',
  signature: sig(0),
  grain: 'day',
  identify: identifyCur,
  parse: (source, ctx) =>
    parseCsv(source, ctx, (row) => {
      const product = textCell(row, col(row, 'product')) ?? '';
      const type = textCell(row, col(row, 'type')) ?? '';
      if (!product.startsWith('AmazonBedrock')) {
        return { kind: 'skip', line: row.line, reason: `not Amazon Bedrock (${product || 'no product code'})` };
      }
      const id = textCell(row, col(row, 'id'));
      if (id === null) throw new FieldError(col(row, 'id'), 'engine.row.empty', { field: col(row, 'id') });
      const start = dateCell(row, col(row, 'start'));
      const end = dateCell(row, col(row, 'end'));
      const lineType = lineTypeOf(type);
      const usageType = textCell(row, col(row, 'usageType'));
      const unit = textCell(row, col(row, 'unit'));
      const amountCol = col(row, 'amount');
      const amountText = textCell(row, amountCol) ?? '0';
      const tk = tokens({});
      let otherUnits: Record<string, number> | null = null;
      if (lineType === 'usage') {
        const cls = usageType ? tokenClassOf(usageType) : null;
        const mult = unitMultiplier(unit);
        if (cls && mult !== null) {
          const n = scaleToInteger(amountText, mult, row.decimalComma);
          if (n < 0) throw new FieldError(amountCol, 'engine.row.negativeCountQuoted', { field: amountCol, value: amountText });
          tk[cls] = n;
        } else {
          const amount = Number(amountText);
          if (!Number.isFinite(amount)) throw new FieldError(amountCol, 'engine.row.notNumberQuoted', { field: amountCol, value: amountText });
          otherUnits = { [unit ?? 'units']: amount };
        }
      }
      const cost = moneyCell(row, col(row, 'cost'))!;
      const currency = currencyOrThrow(col(row, 'currency'), textCell(row, col(row, 'currency')) ?? 'USD');
      const tags: Record<string, string> = {};
      if (usageType) tags.usageType = usageType;
      for (const [name, value] of Object.entries(row.record())) {
        const m = /^(?:resourcetags\/|resource_tags_)(.+)$/.exec(name);
        if (m && value.trim() !== '') tags[m[1]!] = value.trim();
      }
      const lower = (usageType ?? '').toLowerCase();
      const region = textCell(row, col(row, 'region'));
      const width = end - start;
      return {
        kind: 'fact',
        line: row.line,
        fact: fact({
          identity: identity('aws-cur', id),
          start,
          end,
          granularity: width >= 28 * DAY_MS ? 'month' : width >= DAY_MS ? 'day' : 'hour',
          provider: 'aws-bedrock',
          lineType,
          account: textCell(row, col(row, 'account')),
          member: textCell(row, col(row, 'principal')),
          modelRaw: lineType === 'usage' ? modelOf(usageType, textCell(row, col(row, 'resource')), textCell(row, col(row, 'productName'))) : null,
          host: 'aws-bedrock',
          inferenceGeo: lower.includes('cross-region-global') ? 'global' : region,
          serviceTier: /-batch(\b|$)/.test(lower) ? 'batch' : 'standard',
          tags: Object.keys(tags).length ? tags : null,
          tokens: tk,
          otherUnits,
          billed: { nano: cost, currency },
        }),
      };
    }),
};

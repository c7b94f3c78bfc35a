/**
 * Azure Cost Management actual-cost export, Azure OpenAI meters (1K and 1M units in one file, MM/DD/YYYY,
 * decimal commas in localized exports). Other services are skipped.
 */
import type { TokenClass } from '../../../../shared/domain/fact';
import { DAY_MS, FieldError, currencyOrThrow, fact, identity, matchColumns, parseIsoInstant, parseMdy, rowSaid, scaleToInteger, tokens } from '../kit/common';
import { moneyCell, parseCsv, requiredText, textCell } from '../kit/csv';
import type { Importer } from '../types';

const SIGNATURE = ['Date', 'MeterCategory', 'MeterName', 'Quantity', 'UnitOfMeasure', 'CostInBillingCurrency'] as const;

interface Meter {
  model: string;
  cls: TokenClass | null;
  batch: boolean;
  deployment: 'global' | 'data-zone' | 'regional' | null;
}

/** 'gpt-4o-mini-0718-Batch-Inp-glbl Tokens', 'gpt 4.1 mini cached Inp glbl Tokens', 'gpt 4o 1120 Inp Data Zone Tokens'. */
export function parseMeterName(name: string): Meter {
  const words = name.replace(/\s+tokens?$/i, '').split(/[\s-]+/);
  let cls: TokenClass | null = null;
  let batch = false;
  let deployment: Meter['deployment'] = null;
  words.forEach((w, i) => {
    const t = w.toLowerCase();
    if (t === 'cached' || t === 'cache') cls = 'cache_read';
    else if (t === 'inp' || t === 'input' || t === 'inpt') cls ??= 'input';
    else if (t === 'outp' || t === 'output' || t === 'out') cls = 'output';
    else if (t === 'batch') batch = true;
    else if (t === 'glbl' || t === 'global') deployment = 'global';
    else if (t === 'dzone' || (t === 'data' && words[i + 1]?.toLowerCase() === 'zone')) deployment = 'data-zone';
    else if (t === 'regional' || t === 'regnl') deployment = 'regional';
  });
  const base = name.replace(/\s+tokens?$/i, '');
  const m = /^(.*?)[\s-]+(?:cached|cache|inpt?|input|outp|output|out|batch|glbl|global|dzone|data zone|regional|regnl)(?=$|[\s-])/i.exec(base);
  return { model: m && m[1] ? m[1] : base, cls, batch, deployment };
}

function unitMultiplier(unit: string): number | null {
  const m = /^\s*(\d+(?:[.,]\d+)?)?\s*([KM])?\s*(tokens?)?\s*$/i.exec(unit);
  if (!m) return null;
  const n = m[1] ? Number(m[1].replace(',', '.')) : 1;
  const k = m[2]?.toUpperCase();
  return n * (k === 'K' ? 1000 : k === 'M' ? 1_000_000 : 1);
}

export const azureCostCsv: Importer = {
  id: 'azure-cost-csv',
  label: 'Azure cost export (Azure OpenAI)',
  provider: 'azure-openai',
  signature: SIGNATURE,
  grain: 'day',
  identify: (head) => matchColumns(head, SIGNATURE),
  parse(source, ctx) {
    const seen = new Map<string, number>();
    return parseCsv(source, ctx, (row) => {
      const category = textCell(row, 'MeterCategory') ?? '';
      const sub = textCell(row, 'MeterSubCategory') ?? '';
      const productName = textCell(row, 'ProductName') ?? '';
      const meterName = requiredText(row, 'MeterName');
      const isOpenAi = /openai/i.test(sub) || /openai/i.test(productName);
      if (!isOpenAi) return { kind: 'skip', line: row.line, reason: `not Azure OpenAI (${category}${sub ? ' / ' + sub : ''})` };
      const dateText = requiredText(row, 'Date');
      const start = parseMdy(dateText) ?? parseIsoInstant(dateText);
      if (start === null) throw new FieldError('Date', 'engine.row.notDateExpected', { field: 'Date', value: dateText, expected: rowSaid('engine.row.expect.mdy') });
      const meter = parseMeterName(meterName);
      const unitText = requiredText(row, 'UnitOfMeasure');
      const quantity = requiredText(row, 'Quantity');
      const tk = tokens({});
      let otherUnits: Record<string, number> | null = null;
      const mult = unitMultiplier(unitText);
      if (meter.cls && mult !== null && /tokens?$/i.test(meterName.trim())) {
        let n: number;
        try {
          n = scaleToInteger(quantity, mult, row.decimalComma);
        } catch {
          throw new FieldError('Quantity', 'engine.row.notNumberQuoted', { field: 'Quantity', value: quantity });
        }
        if (n < 0) throw new FieldError('Quantity', 'engine.row.negativeCountQuoted', { field: 'Quantity', value: quantity });
        tk[meter.cls] = n;
      } else {
        otherUnits = { [unitText]: Number(quantity.replace(',', '.')) };
      }
      const cost = moneyCell(row, 'CostInBillingCurrency')!;
      const currencyCol = row.has('BillingCurrency') ? 'BillingCurrency' : 'BillingCurrencyCode';
      const currency = currencyOrThrow(currencyCol, textCell(row, currencyCol) ?? '');
      const meterRegion = textCell(row, 'MeterRegion');
      const location = textCell(row, 'ResourceLocation');
      const inferenceGeo =
        meter.deployment === 'global'
          ? 'global'
          : meter.deployment === 'data-zone'
            ? `data-zone${meterRegion ? '-' + meterRegion.replace(/\s*data\s*zone\s*/i, '').toLowerCase() : ''}`.replace(/-$/, '')
            : location;
      const tags: Record<string, string> = { meterName };
      for (const m of (textCell(row, 'Tags') ?? '').matchAll(/"([^"]+)"\s*:\s*"([^"]*)"/g)) tags[m[1]!] = m[2]!;
      const chargeType = textCell(row, 'ChargeType');
      let id = identity('az', dateText, textCell(row, 'SubscriptionId'), textCell(row, 'ResourceId'), meterName, meterRegion, textCell(row, 'PricingModel'), chargeType);
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (n > 1) id += `#${n}`;
      const charge = (chargeType ?? 'usage').toLowerCase();
      return {
        kind: 'fact',
        line: row.line,
        fact: fact({
          identity: id,
          start,
          end: start + DAY_MS,
          granularity: 'day',
          provider: 'azure-openai',
          lineType: charge === 'usage' ? 'usage' : charge === 'refund' || cost < 0n ? 'credit' : charge === 'tax' ? 'tax' : 'fee',
          account: textCell(row, 'SubscriptionId'),
          project: textCell(row, 'ResourceGroup'),
          modelRaw: meter.model,
          host: 'azure-openai',
          inferenceGeo,
          serviceTier: meter.batch ? 'batch' : 'standard',
          tags,
          tokens: tk,
          otherUnits,
          billed: { nano: cost, currency },
        }),
      };
    });
  },
};

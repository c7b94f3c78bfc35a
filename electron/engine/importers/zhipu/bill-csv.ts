/**
 * Zhipu AI open platform (bigmodel.cn) bill detail, CSV rendering of the xlsx (Chinese headers, CNY).
 * A row's payable 应付金额 is its charge less a voucher (赠金抵扣金额): the charge (应付金额 + 赠金抵扣金额) is
 * the usage line, the voucher its own credit line of the same model and day, so their sum stays 应付金额.
 * Times: the 消费时间 range 'A ~ B' read as China time (UTC+8) — inferred.
 * 请求次数 is repeated on a model's input and output rows; it is counted on the non-output rows only.
 */
import type { TokenClass } from '../../../../shared/domain/fact';
import { DAY_MS, FieldError, currencyOrThrow, fact, identity, matchColumns, parseIsoInstant, scaleToInteger, tokens } from '../kit/common';
import { intCell, moneyCell, parseCsv, requiredText, textCell } from '../kit/csv';
import type { Importer } from '../types';

const SIGNATURE = ['账单号', '模型产品名称', '用量', '用量单位', '币种', '应付金额'] as const;
const MODEL_CODE = '模型编码（推理专用）';

function unitMultiplier(unit: string): number | null {
  const u = unit.trim().toLowerCase();
  const m = /^(千|万|百万|k|m)?\s*tokens?$/.exec(u);
  if (!m) return null;
  return { 千: 1000, 万: 10_000, 百万: 1_000_000, k: 1000, m: 1_000_000 }[m[1] as '千'] ?? 1;
}

function classOf(priceType: string | null): TokenClass {
  const t = priceType ?? '';
  if (/缓存|命中/.test(t)) return 'cache_read';
  if (t === '输出') return 'output';
  return 'input'; // 输入, and 不区分输入输出 (embeddings and other single-price models)
}

const CN_OFFSET = 8 * 3_600_000;

function rangeOf(text: string | null): { start: number; end: number } | null {
  if (!text) return null;
  const m = /^(.+?)\s*~\s*(.+)$/.exec(text);
  if (!m) return null;
  const a = parseIsoInstant(m[1]!);
  const b = parseIsoInstant(m[2]!);
  if (a === null || b === null) return null;
  return { start: a - CN_OFFSET, end: b - CN_OFFSET + 1000 };
}

export const zhipuBillCsv: Importer = {
  id: 'zhipu-bill-csv',
  label: 'Zhipu AI (bigmodel.cn) bill detail',
  provider: 'zhipu',
  signature: SIGNATURE,
  grain: 'day',
  identify: (head) => matchColumns(head, SIGNATURE),
  parse: (source, ctx) =>
    parseCsv(source, ctx, (row) => {
      const billNo = requiredText(row, '账单号');
      const timeCol = row.has('消费时间') && textCell(row, '消费时间') ? '消费时间' : '入账时间';
      let range = rangeOf(textCell(row, timeCol));
      if (range === null) {
        const day = textCell(row, '账期(自然日)');
        const t = day ? parseIsoInstant(day) : null;
        if (t === null) throw new FieldError(timeCol, 'engine.row.zhipu.notRange', { field: timeCol, value: textCell(row, timeCol) ?? '' });
        range = { start: t - CN_OFFSET, end: t - CN_OFFSET + DAY_MS };
      }
      const unit = requiredText(row, '用量单位');
      const usageText = requiredText(row, '用量');
      const priceType = textCell(row, '价格类型');
      const mult = unitMultiplier(unit);
      const tk = tokens({});
      let otherUnits: Record<string, number> | null = null;
      const cls = classOf(priceType);
      if (mult !== null) {
        let n: number;
        try {
          n = scaleToInteger(usageText, mult, row.decimalComma);
        } catch {
          throw new FieldError('用量', 'engine.row.notNumberQuoted', { field: '用量', value: usageText });
        }
        if (n < 0) throw new FieldError('用量', 'engine.row.negativeCountQuoted', { field: '用量', value: usageText });
        tk[cls] = n;
      } else {
        otherUnits = { [unit]: Number(usageText) };
      }
      const reqs = intCell(row, '请求次数 (仅API)', { optional: true }) ?? 0;
      const model = textCell(row, MODEL_CODE) ?? textCell(row, '模型产品编码');
      const tags: Record<string, string> = {};
      for (const k of ['产品类型', '付费类型', '价格类型', '模型产品名称']) {
        const v = textCell(row, k);
        if (v) tags[k] = v;
      }
      const currency = currencyOrThrow('币种', requiredText(row, '币种'));
      const payable = moneyCell(row, '应付金额')!;
      const voucher = row.has('赠金抵扣金额') ? (moneyCell(row, '赠金抵扣金额', { optional: true }) ?? 0n) : 0n;
      const base = fact({
        identity: identity('zp', billNo),
        start: range.start,
        end: range.end,
        granularity: range.end - range.start >= 28 * DAY_MS ? 'month' : 'day',
        provider: 'zhipu',
        lineType: mult !== null ? 'usage' : 'fee',
        account: textCell(row, '客户id'),
        apiKey: textCell(row, 'apiKey'),
        modelRaw: mult !== null ? model : null,
        host: 'zhipu',
        tags: Object.keys(tags).length ? tags : null,
        tokens: tk,
        requests: cls === 'output' || mult === null ? 0 : reqs,
        otherUnits,
        billed: { nano: payable + voucher, currency },
      });
      if (voucher === 0n) return { kind: 'fact', line: row.line, fact: base };
      if (voucher < 0n) throw new FieldError('赠金抵扣金额', 'engine.row.zhipu.negativeVoucher', { field: '赠金抵扣金额' });
      const credit = fact({
        ...base,
        identity: identity('zp', billNo, 'voucher'),
        lineType: 'credit',
        tags: { ...tags, credit: '赠金抵扣 (voucher)' },
        tokens: tokens({}),
        requests: 0,
        otherUnits: null,
        billed: { nano: -voucher, currency },
      });
      return [
        { kind: 'fact', line: row.line, fact: base },
        { kind: 'fact', line: row.line, fact: credit },
      ];
    }),
};

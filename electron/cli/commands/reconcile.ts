/**
 * `tokenledger report reconcile [--month YYYY-MM] [--json]`: bills vs estimates. Kept in its own module;
 * report.ts hands the `reconcile` positional to runReconcile().
 */
import type { CommandContext } from '../command';
import { formatInt, formatMoney, table } from '../format';
import { ApiError } from '../../../shared/contract/errors';

const money = (v: string | null): string => (v === null ? '-' : formatMoney(v));

export async function runReconcile(values: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const month = values.month;
  if (month !== undefined && (typeof month !== 'string' || !/^\d{4}-\d{2}$/.test(month))) {
    throw new ApiError('VALIDATION', '--month wants a month as YYYY-MM');
  }
  const api = await ctx.api();
  const r = await api.call('reconcile.report', typeof month === 'string' ? { month } : {});
  if (ctx.json) {
    ctx.io.out(JSON.stringify(r, null, 2));
    return 0;
  }
  const out: string[] = [`Bills vs estimates${r.month ? ` for ${r.month}` : ''} (${ctx.dbPath})`, ''];
  if (r.lines.length === 0) out.push('Nothing in the ledger for this period.');
  else {
    out.push(r.verdict.text, r.verdict.sign, '');
    out.push(
      table(
        ['provider', 'month', 'cur', 'billed', 'estimated', 'delta', 'delta %', '', 'credits', 'tax'],
        r.lines.map((l) => [l.provider, l.period, l.currency, money(l.billed), money(l.estimated), money(l.delta), l.deltaPercent ?? '-', l.withinOnePercent === false ? '> 1 %' : '', money(l.credits), money(l.tax)]),
        [false, false, false, true, true, true, true, false, true, true],
      ),
    );
    out.push('');
    for (const l of r.lines) {
      if (!l.explanations.length) continue;
      out.push(`${l.provider} ${l.period}:`);
      for (const e of l.explanations) out.push(`  - [${e.reason}] ${e.text}`);
    }
  }
  if (r.unpriced.models.length) {
    out.push('');
    out.push(`UNPRICED: ${formatInt(r.unpriced.tokens)} tokens on ${r.unpriced.models.length} ${r.unpriced.models.length === 1 ? 'model has' : 'models have'} no price (${r.unpriced.models.map((m) => m.model).join(', ')})`);
  }
  ctx.io.out(out.join('\n'));
  return 0;
}

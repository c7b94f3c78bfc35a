/**
 * `tokenledger report reconcile [--month YYYY-MM] [--json]`: bills vs estimates. Kept in its own module;
 * report.ts hands the `reconcile` positional to runReconcile().
 */
import type { CommandContext } from '../command';
import { formatMoney, formatMonth, table, unpricedLine } from '../format';
import { say, t } from '../i18n';
import { readMonth } from '../period';

const money = (v: string | null): string => (v === null ? '-' : formatMoney(v));

export async function runReconcile(values: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const month = readMonth(values, 'report reconcile');
  const api = await ctx.api();
  const r = await api.call('reconcile.report', month !== undefined ? { month } : {});
  if (ctx.json) {
    ctx.io.out(JSON.stringify(r, null, 2));
    return 0;
  }
  const out: string[] = [r.month ? t('cli.reconcile.titleMonth', { month: formatMonth(r.month), path: ctx.dbPath }) : t('cli.reconcile.title', { path: ctx.dbPath }), ''];
  if (r.lines.length === 0) out.push(t('cli.reconcile.empty'));
  else {
    out.push(say(r.verdict.said), say(r.verdict.signSaid), '');
    const headers = (['provider', 'month', 'currency', 'billed', 'estimated', 'delta', 'deltaPercent'] as const).map((c) => t(`cli.reconcile.col.${c}`));
    out.push(
      table(
        [...headers, '', t('cli.reconcile.col.credits'), t('cli.reconcile.col.tax')],
        r.lines.map((l) => [
          l.provider,
          l.period,
          l.currency,
          money(l.billed),
          money(l.estimated),
          money(l.delta),
          l.deltaPercent ?? '-',
          l.withinOnePercent === false ? t('cli.reconcile.overOnePercent') : '',
          money(l.credits),
          money(l.tax),
        ]),
        [false, false, false, true, true, true, true, false, true, true],
      ),
    );
    out.push('');
    for (const l of r.lines) {
      if (!l.explanations.length) continue;
      out.push(`${l.provider} ${l.period}:`);
      for (const e of l.explanations) out.push(`  - [${e.reason}] ${say(e.said)}`);
    }
  }
  if (r.unpriced.models.length) {
    out.push('');
    out.push(unpricedLine(r.unpriced.tokens, r.unpriced.models.map((m) => m.model)));
  }
  ctx.io.out(out.join('\n'));
  return 0;
}

/**
 * `tokenledger plan`: how each tool's usage is paid. A tool (or one of its accounts) "included" in a
 * subscription has notional usage: its value at list price is shown apart, never as spend.
 */
import { USAGE_PLANS, type UsagePlans } from '../../../shared/contract/api/plans';
import type { Command } from '../command';
import { CliError } from '../errors';
import { formatInt, table } from '../format';
import { t } from '../i18n';

const CHOICES = [...USAGE_PLANS, 'clear'] as const;

function plansText(p: UsagePlans): string {
  const lines: string[] = [];
  lines.push(
    p.tools.length
      ? table([t('cli.plan.col.tool'), t('cli.plan.col.facts'), t('cli.plan.col.plan')], p.tools.map((x) => [x.tool, formatInt(x.facts), x.plan ?? t('cli.plan.paygDefault')]), [false, true, false])
      : t('cli.plan.noTools'),
  );
  const accounts = p.settings.filter((s) => s.account !== null);
  if (accounts.length) {
    lines.push('', table([t('cli.plan.col.tool'), t('cli.plan.col.account'), t('cli.plan.col.plan')], accounts.map((s) => [s.tool, s.account ?? '', s.plan])));
  }
  lines.push('', t('cli.plan.note'));
  return lines.join('\n');
}

export const planCommand: Command = {
  usage: 'plan [TOOL included|payg|clear] [--account ID]',
  help: `  plan                        each tool of the ledger (claude-code, codex-log, cursor...) with its setting
  plan TOOL included          its usage is paid by a subscription: shown as value at list price, never as
                              spend (not in totals' spend, budgets or tips)
  plan TOOL payg              pay-as-you-go: its cost is spend (the default)
  plan TOOL clear             remove the setting
  --account ID                only that account of the tool (its setting wins over the tool's)
  A row that says its own kind (Cursor's Included / On-Demand) keeps it whatever the setting.`,
  options: { account: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }, ctx) {
    const api = await ctx.api();
    const out = (p: UsagePlans) => ctx.io.out(ctx.json ? JSON.stringify(p, null, 2) : plansText(p));
    if (positionals.length === 0) {
      out(await api.call('plans.list', {}));
      return 0;
    }
    const [tool, choice, ...rest] = positionals;
    if (!choice || !(CHOICES as readonly string[]).includes(choice) || rest.length) {
      throw new CliError('errors.plan.usage', { choices: CHOICES.join(', ') });
    }
    const account = typeof values.account === 'string' ? values.account : null;
    const plans = await api.call('plans.set', { tool: tool!, account, plan: choice === 'clear' ? null : (choice as (typeof USAGE_PLANS)[number]) });
    if (!ctx.json) ctx.io.out(`${tool}${account === null ? '' : ` (account ${account})`}: ${choice === 'clear' ? 'setting removed' : choice === 'included' ? 'included in your plan (notional, never spend)' : 'pay-as-you-go (spend)'}.`);
    out(plans);
    return 0;
  },
};

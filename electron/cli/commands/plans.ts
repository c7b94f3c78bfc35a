/**
 * `tokenledger plan`: how each tool's usage is paid. A tool (or one of its accounts) "included" in a
 * subscription has notional usage: its value at list price is shown apart, never as spend.
 */
import { USAGE_PLANS, type UsagePlans } from '../../../shared/contract/api/plans';
import { ApiError } from '../../../shared/contract/errors';
import type { Command } from '../command';
import { formatInt, table } from '../format';

const CHOICES = [...USAGE_PLANS, 'clear'] as const;

function plansText(p: UsagePlans): string {
  const lines: string[] = [];
  lines.push(
    p.tools.length
      ? table(['tool', 'facts', 'plan'], p.tools.map((t) => [t.tool, formatInt(t.facts), t.plan ?? 'payg (default)']), [false, true, false])
      : 'No tool in the ledger without a bill of its own.',
  );
  const accounts = p.settings.filter((s) => s.account !== null);
  if (accounts.length) {
    lines.push('', table(['tool', 'account', 'plan'], accounts.map((s) => [s.tool, s.account ?? '', s.plan])));
  }
  lines.push('', "Included usage is shown as its value at list price, never as spend (Cursor's rows say their own kind).");
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
      throw new ApiError('VALIDATION', `plan takes a tool and one of: ${CHOICES.join(', ')} (\`tokenledger plan\` lists the tools)`);
    }
    const account = typeof values.account === 'string' ? values.account : null;
    const plans = await api.call('plans.set', { tool: tool!, account, plan: choice === 'clear' ? null : (choice as (typeof USAGE_PLANS)[number]) });
    if (!ctx.json) ctx.io.out(`${tool}${account === null ? '' : ` (account ${account})`}: ${choice === 'clear' ? 'setting removed' : choice === 'included' ? 'included in your plan (notional, never spend)' : 'pay-as-you-go (spend)'}.`);
    out(plans);
    return 0;
  },
};

import type { Command } from '../command';
import { formatAmounts, formatMonth } from '../format';
import { say, t } from '../i18n';
import { MONTH_HELP, PERIOD_OPTIONS, readMonth } from '../period';

export const tipsCommand: Command = {
  usage: 'tips [--month YYYY-MM] [--json]',
  help: MONTH_HELP,
  options: { ...PERIOD_OPTIONS, period: { type: 'string' } },
  deprecated: { period: { use: '--month YYYY-MM', renameTo: 'month' } },
  async run({ values }, ctx) {
    const month = readMonth(values, 'tips');
    const api = await ctx.api();
    const report = await api.call('tips.list', month !== undefined ? { period: month } : {});
    if (ctx.json) {
      ctx.io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    const shown = report.tips.filter((x) => !x.dismissed);
    ctx.io.out(t('cli.tips.title', { month: formatMonth(report.period), shown: shown.length, dismissed: report.tips.length - shown.length }));
    ctx.io.out(t('cli.tips.combined', { total: formatAmounts(report.totalSaving), sum: formatAmounts(report.standaloneSum) }));
    ctx.io.out('');
    for (const tip of shown) {
      const money = Object.keys(tip.saving).length
        ? t('cli.tips.saves', { amounts: formatAmounts(tip.saving) })
        : tip.impact
          ? t('cli.tips.costs', { amounts: formatAmounts(tip.impact) })
          : '';
      ctx.io.out(`* [${say(tip.said.ruleTitle)}] ${say(tip.said.title)}: ${money}`);
      ctx.io.out(`  ${say(tip.said.summary)}`);
    }
    return 0;
  },
};

import type { Command } from '../command';
import { formatAmounts } from '../format';

export const tipsCommand: Command = {
  usage: 'tips [--period YYYY-MM] [--json]',
  help: `  --period MONTH  the month (YYYY-MM); default the current month, else the latest month with data`,
  options: { period: { type: 'string' } },
  async run({ values }, ctx) {
    const api = await ctx.api();
    const report = await api.call('tips.list', typeof values.period === 'string' ? { period: values.period } : {});
    if (ctx.json) {
      ctx.io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    ctx.io.out(`Tips for ${report.period} (${report.tips.filter((t) => !t.dismissed).length} shown, ${report.tips.filter((t) => t.dismissed).length} dismissed)`);
    ctx.io.out(`Combined saving: ${formatAmounts(report.totalSaving) || '-'} (stand-alone savings add up to ${formatAmounts(report.standaloneSum) || '-'}; overlaps counted once)`);
    ctx.io.out('');
    for (const t of report.tips) {
      if (t.dismissed) continue;
      const money = Object.keys(t.saving).length ? `saves ${formatAmounts(t.saving)}` : t.impact ? `costs ${formatAmounts(t.impact)}` : '';
      ctx.io.out(`* [${t.ruleTitle}] ${t.title}: ${money}`);
      ctx.io.out(`  ${t.summary}`);
    }
    return 0;
  },
};

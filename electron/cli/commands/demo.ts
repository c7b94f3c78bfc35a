import type { Command } from '../command';
import { formatInt, totalsText } from '../format';
import { t } from '../i18n';

export const demoCommand: Command = {
  usage: 'demo [--remove] [--db PATH] [--json]',
  help: `  --remove    take the demo data out of the ledger again (its batches, names, prices and budgets, in one step)
  Without --db the demo ledger is a file of its own beside your ledger (its path is printed), never your ledger.`,
  options: { remove: { type: 'boolean', default: false } },
  usesDemoLedger: () => true,
  async run({ values }, ctx) {
    const api = await ctx.api();
    if (values.remove === true) {
      const r = await api.call('demo.remove', {});
      if (ctx.json) ctx.io.out(JSON.stringify({ ...r, db: ctx.dbPath }, null, 2));
      else ctx.io.out(t('cli.demo.removed', { path: ctx.dbPath, batches: formatInt(r.batches), rows: formatInt(r.removed) }));
      return 0;
    }
    const result = await api.call('demo.load', {});
    if (ctx.json) {
      ctx.io.out(JSON.stringify({ ...result, db: ctx.dbPath }, null, 2));
    } else {
      ctx.io.out(
        t(result.alreadyLoaded ? 'cli.demo.already' : 'cli.demo.loaded', { path: ctx.dbPath, files: result.files.length }),
      );
      for (const f of result.files) ctx.io.out(`  ${t('cli.demo.file', { file: f.file, format: f.format, rows: formatInt(f.rowsNew) })}`);
      ctx.io.out('');
      ctx.io.out(totalsText(result.totals));
      ctx.io.out('');
      ctx.io.out(t('cli.demo.next', { report: `tokenledger report --db "${ctx.dbPath}"`, remove: `tokenledger demo --remove --db "${ctx.dbPath}"` }));
    }
    return 0;
  },
};

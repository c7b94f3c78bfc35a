import type { Command } from '../command';
import { totalsText } from '../format';

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
      else ctx.io.out(`Removed the demo data from ${ctx.dbPath}: ${r.batches} batches, ${r.removed} rows`);
      return 0;
    }
    const result = await api.call('demo.load', {});
    if (ctx.json) {
      ctx.io.out(JSON.stringify({ ...result, db: ctx.dbPath }, null, 2));
    } else {
      ctx.io.out(
        result.alreadyLoaded
          ? `The demo data is already in ${ctx.dbPath} (${result.files.length} files); nothing was added`
          : `Loaded ${result.files.length} demo files into ${ctx.dbPath}`,
      );
      for (const f of result.files) ctx.io.out(`  ${f.file} (${f.format}): ${f.rowsNew} new rows`);
      ctx.io.out('');
      ctx.io.out(totalsText(result.totals));
      ctx.io.out('');
      ctx.io.out(`Look at it: tokenledger report --db "${ctx.dbPath}"   Remove it: tokenledger demo --remove --db "${ctx.dbPath}"`);
    }
    return 0;
  },
};

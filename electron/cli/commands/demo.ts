import type { Command } from '../command';
import { totalsText } from '../format';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'Load the bundled demo data (sample exports of every vendor) into the ledger',
  usage: 'demo [--db PATH] [--json]',
  async run(_args, ctx) {
    const api = await ctx.api();
    const result = await api.call('demo.load', {});
    if (ctx.json) {
      ctx.io.out(JSON.stringify(result, null, 2));
    } else {
      ctx.io.out(`Loaded ${result.files.length} demo files into ${ctx.dbPath}`);
      for (const f of result.files) ctx.io.out(`  ${f.file} (${f.format}): ${f.rowsNew} new rows`);
      ctx.io.out('');
      ctx.io.out(totalsText(result.totals));
    }
    return 0;
  },
};

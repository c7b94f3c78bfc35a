/** `tokenledger export focus`: the ledger's spend as a FOCUS 1.2 dataset (CSV or Parquet) for a warehouse. */
import { resolve } from 'node:path';
import { FOCUS_FORMATS, type FocusFormat } from '../../../shared/contract/api/export';
import type { Command } from '../command';
import { CliError } from '../errors';
import { formatAmounts, formatInt } from '../format';
import { t } from '../i18n';
import { PERIOD_OPTIONS, readRange } from '../period';

export const exportCommand: Command = {
  usage: 'export focus --out FILE [--format csv|parquet] [--month YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD]',
  help: `  focus            a FOCUS 1.2 dataset (FinOps Open Cost and Usage Specification): one row per UTC day,
                   source, account, model and cost basis (x_CostBasis billed|recorded|estimated); its
                   BilledCost sums per currency to the spend of \`report\` over the same days
  --out FILE       file to write
  --format F       csv (default) or parquet
  --month M        one UTC month (YYYY-MM)
  --from DAY       first UTC day included (YYYY-MM-DD)
  --to DAY         last UTC day included (YYYY-MM-DD)`,
  allowPositionals: true,
  options: { out: { type: 'string' }, format: { type: 'string' }, ...PERIOD_OPTIONS },
  async run({ values, positionals }, ctx) {
    if (positionals[0] !== 'focus' || positionals.length > 1) throw new CliError('errors.export.needsFocus');
    if (typeof values.out !== 'string') throw new CliError('errors.export.needsOut');
    const format = (typeof values.format === 'string' ? values.format : 'csv') as FocusFormat;
    if (!(FOCUS_FORMATS as readonly string[]).includes(format)) throw new CliError('errors.export.badFormat', { formats: FOCUS_FORMATS.join(', ') });
    const range = readRange(values);
    const api = await ctx.api();
    const r = await api.call('export.focus', { path: resolve(values.out), format, ...range });
    if (ctx.json) ctx.io.out(JSON.stringify(r, null, 2));
    else {
      const said = { path: r.path, format: r.format, rows: formatInt(r.rows), cost: formatAmounts(r.billedCost) };
      ctx.io.out(r.from || r.to ? t('cli.export.wroteRange', { ...said, from: r.from ?? t('cli.range.start'), to: r.to ?? t('cli.range.end') }) : t('cli.export.wrote', said));
    }
    return 0;
  },
};

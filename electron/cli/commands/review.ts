/** `tokenledger review`: a month's review pack (a PDF and one CSV per table) written into a folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from '../command';
import { CliError } from '../errors';
import { t } from '../i18n';

export const reviewCommand: Command = {
  usage: 'review --month YYYY-MM --out DIR [--json]',
  help: `  --month M        the month (YYYY-MM); the current month is the month to date
  --out DIR        folder to write review-M.pdf and review-M-<table>.csv into (created if missing;
                   files of the same names are replaced)
  The PDF: the month's totals in the display currency, the daily spend by vendor region and by vendor,
  spend by vendor, region, project and member, budgets vs actual, the reconcile verdict per bill, price
  changes in the month and the top tips. The CSVs (UTF-8 with a byte order mark, for spreadsheets) hold
  the same tables with exact amounts.`,
  options: { month: { type: 'string' }, out: { type: 'string' } },
  async run({ values }, ctx) {
    if (typeof values.month !== 'string') throw new CliError('errors.review.needsMonth');
    if (typeof values.out !== 'string') throw new CliError('errors.review.needsOut');
    const api = await ctx.api();
    const pack = await api.call('review.pack', { month: values.month, locale: ctx.locale ?? 'en' });
    const dir = resolve(values.out);
    mkdirSync(dir, { recursive: true });
    const written = pack.files.map((f) => {
      const path = join(dir, f.name);
      writeFileSync(path, Buffer.from(f.base64, 'base64'));
      return { path, name: f.name, mediaType: f.mediaType, bytes: f.bytes };
    });
    if (ctx.json) {
      ctx.io.out(JSON.stringify({ month: pack.month, from: pack.from, to: pack.to, timeZone: pack.timeZone, generatedAt: pack.generatedAt, files: written }, null, 2));
      return 0;
    }
    ctx.io.out(t('cli.review.written', { month: pack.month, from: pack.from, to: pack.to, timeZone: pack.timeZone, dir }));
    for (const f of written) ctx.io.out(`  ${f.name}`);
    return 0;
  },
};

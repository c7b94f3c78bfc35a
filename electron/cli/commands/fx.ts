/**
 * `tokenledger fx list | set | unset | import`: the FX rates the engine converts with (units of a
 * currency per 1 USD, from a day on): built-in reference points and the user's own.
 */
import { resolve } from 'node:path';
import type { FxImportResult, FxRateRow } from '../../../shared/contract/api/fx';
import type { Command, CommandContext } from '../command';
import { CliError } from '../errors';
import { formatInt, table } from '../format';
import { say, t } from '../i18n';

const SUBCOMMANDS = ['list', 'set', 'unset', 'import'] as const;

function ratesTable(rows: readonly FxRateRow[]): string {
  return table(
    (['currency', 'from', 'perUsd', 'origin', 'source'] as const).map((c) => t(`cli.fx.col.${c}`)),
    rows.map((r) => [r.currency, r.date, r.perUsd, r.origin, r.source.length > 60 ? r.source.slice(0, 57) + '...' : r.source]),
    [false, false, true, false, false],
  );
}

/** Rates shown beside a change: the few around its day (a currency's whole history runs to hundreds). */
const AROUND = 3;

function around(rows: readonly FxRateRow[], date: string, currency: string): string[] {
  if (rows.length <= 2 * AROUND + 1) return [ratesTable(rows)];
  let at = rows.findIndex((r) => r.date >= date);
  if (at < 0) at = rows.length - 1;
  const from = Math.max(0, Math.min(at - AROUND, rows.length - (2 * AROUND + 1)));
  const shown = rows.slice(from, from + 2 * AROUND + 1);
  return [ratesTable(shown), t('cli.fx.more', { count: rows.length - shown.length, currency })];
}

function importText(file: string, r: FxImportResult): string {
  const head = r.applied ? 'cli.fx.import.imported' : r.rates.length ? 'cli.fx.import.dryRun' : 'cli.fx.import.nothing';
  const lines = [t(head, { file, rates: r.rates.length, skipped: r.skipped.length })];
  if (r.rates.length) lines.push('', ratesTable(r.rates));
  if (r.skipped.length) lines.push('', t('cli.fx.import.skipped'), ...r.skipped.map((s) => `  ${t('cli.fx.import.skippedLine', { line: formatInt(s.line), reason: say(s.said) })}`));
  if (!r.applied && r.rates.length) lines.push('', t('cli.dryRun.nothingWritten'));
  return lines.join('\n');
}

function day(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new CliError('errors.fx.needsFrom', { command: what });
  return v;
}

async function run(sub: string, rest: string[], values: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const api = await ctx.api();
  const out = (v: unknown, text: () => string) => ctx.io.out(ctx.json ? JSON.stringify(v, null, 2) : text());
  switch (sub) {
    case 'list': {
      const rows = await api.call('fx.list', typeof values.currency === 'string' ? { currency: values.currency } : {});
      out(rows, () => (rows.length ? `${ratesTable(rows)}\n${t('cli.fx.count', { count: rows.length })}` : t('cli.fx.none')));
      return 0;
    }
    case 'set': {
      const [currency, perUsd] = rest;
      if (!currency || !perUsd) throw new CliError('errors.fx.setUsage');
      const rows = await api.call('fx.set', {
        currency,
        perUsd,
        date: day(values.from, 'fx set'),
        ...(typeof values.source === 'string' ? { source: values.source } : {}),
      });
      const set = rows.find((r) => r.date === values.from && r.origin === 'user');
      const cur = set?.currency ?? currency.toUpperCase();
      out(rows, () => [t('cli.fx.set', { currency: cur, from: String(values.from), rate: perUsd }), '', ...around(rows, String(values.from), cur)].join('\n'));
      return 0;
    }
    case 'unset': {
      const [currency] = rest;
      if (!currency) throw new CliError('errors.fx.unsetUsage');
      const date = day(values.from, 'fx unset');
      const rows = await api.call('fx.unset', { currency, date });
      out(rows, () => [t('cli.fx.unset', { currency: currency.toUpperCase(), date }), ...(rows.length ? ['', ...around(rows, date, currency.toUpperCase())] : [])].join('\n'));
      return 0;
    }
    case 'import': {
      const [file] = rest;
      if (!file) throw new CliError('errors.fx.importNeedsFile');
      const r = await api.call('fx.importCsv', { path: resolve(file), dryRun: values['dry-run'] === true });
      out(r, () => importText(file, r));
      return 0;
    }
  }
  return 0;
}

export const fxCommand: Command = {
  usage: 'fx list [--currency C] | set <CUR> <rate-per-USD> --from YYYY-MM-DD [--source TEXT] | unset <CUR> --from YYYY-MM-DD | import <file.csv> [--dry-run]',
  help: `  list [--currency C]                         built-in and your rates, per currency and day
  set CUR RATE --from DAY [--source TEXT]     add or replace your rate: RATE units of CUR per 1 USD from DAY
  unset CUR --from DAY                        delete your rate of that day (built-in rates stay)
  import FILE.csv [--dry-run]                 add the rates of a CSV (date,currency,per_usd[,source])`,
  options: {
    currency: { type: 'string' },
    from: { type: 'string' },
    source: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
  allowPositionals: true,
  run({ values, positionals }, ctx) {
    const [sub = 'list', ...rest] = positionals;
    if (!(SUBCOMMANDS as readonly string[]).includes(sub)) throw new CliError('errors.fx.unknownSub', { subs: SUBCOMMANDS.join(', '), given: sub });
    return run(sub, rest, values, ctx);
  },
};

import type { NamedDimension } from '../../../shared/contract/api/names';
import type { Command } from '../command';
import { formatAmounts, formatInt, formatMoney, formatTokens, table, totalsText } from '../format';
import { BUCKETS, parseDimension, type Bucket, type Dimension } from '../../../shared/contract/api/report';
import { CliError } from '../errors';
import { say, t } from '../i18n';
import { PERIOD_HELP, PERIOD_OPTIONS, readRange } from '../period';
import { runReconcile } from './reconcile'; // `report reconcile [--month YYYY-MM]`
import { runSessions } from './agent-views'; // `report --by session`

/** A converted amount, or "no rate" where a currency has none. */
const displayMoney = (amount: string | null): string => (amount === null ? t('cli.money.noRate') : formatMoney(amount));

export const reportCommand: Command = {
  usage: 'report [reconcile] [--month YYYY-MM | --from YYYY-MM-DD --to YYYY-MM-DD] [--by DIM[,DIM]] [--bucket day|week|month] [--filter DIM=VALUE]... [--tz ZONE] [--currency CUR] [--json]',
  help: `${PERIOD_HELP}
  --by DIMS        group by one or two of: model, model_family, vendor, region (origin_region), host,
                   inference_geo, provider, account, project, api_key, member, machine, service_tier, line_type
                   (member: the person a fact names, else the member of the machine that imported it);
                   or --by session alone: one row per coding-agent session (--tool TOOL for one tool)
                   (daily per-model: --by model --bucket day)
  --bucket G       also split by day, week or month
  --filter D=V     keep only facts whose dimension D is V (repeatable; V may be empty for "not stated")
  --tz ZONE        time zone for days (default: the settings'; UTC days come from the rollups)
  --currency CUR   display currency for converted spend (default: the settings')
report reconcile [--month YYYY-MM]: bills vs estimates per provider and month (every month without --month).
Without --by, prints the one total in the display currency with its basis, then the native totals ({"totals": ..., "spendDisplay": ...} with --json).`,
  allowPositionals: true,
  options: {
    ...PERIOD_OPTIONS,
    by: { type: 'string' },
    bucket: { type: 'string' },
    filter: { type: 'string', multiple: true },
    tz: { type: 'string' },
    currency: { type: 'string' },
    tool: { type: 'string' },
  },
  async run({ values, positionals }, ctx) {
    if (positionals[0] === 'reconcile') return runReconcile(values, ctx);
    if (values.by === 'session') return runSessions(values, ctx);
    if (positionals.length) throw new CliError('errors.report.unknownReport', { given: positionals[0]! });
    const range = readRange(values);
    const api = await ctx.api();
    const grouped = typeof values.by === 'string' || typeof values.bucket === 'string' || Array.isArray(values.filter);
    const view = {
      ...(typeof values.tz === 'string' ? { timeZone: values.tz } : {}),
      ...(typeof values.currency === 'string' ? { currency: values.currency } : {}),
    };
    if (!grouped) {
      const report = await api.call('report.totals', range);
      // The one total in the display currency, each day's amount at that day's rate (the dashboard's figure).
      const converted = await api.call('report.explore', { ...range, ...view, groupBy: [], bucket: 'none' });
      const spend = { currency: converted.display.currency, amount: converted.totals.spendDisplay, basis: converted.display.basis.note, missing: converted.display.missing };
      if (ctx.json) ctx.io.out(JSON.stringify({ ...report, spendDisplay: spend }, null, 2));
      else {
        const facts = formatInt(report.factCount);
        ctx.io.out(
          report.from || report.to
            ? t('cli.report.ledgerRange', { path: ctx.dbPath, facts, from: report.from ?? t('cli.range.start'), to: report.to ?? t('cli.range.end') })
            : t('cli.report.ledger', { path: ctx.dbPath, facts }),
        );
        ctx.io.out('');
        ctx.io.out(t('cli.report.total', { amount: displayMoney(spend.amount), currency: spend.currency, basis: say(converted.display.basis.said) }));
        if (spend.missing.length) ctx.io.out(t('cli.report.missingRates', { currency: spend.currency, currencies: spend.missing.join(', ') }));
        ctx.io.out(totalsText(report.totals));
      }
      return 0;
    }
    const groupBy: Dimension[] = [];
    for (const name of typeof values.by === 'string' ? values.by.split(',').filter(Boolean) : []) {
      const d = parseDimension(name);
      if (!d) throw new CliError('errors.report.unknownDimension', { given: name });
      groupBy.push(d);
    }
    const bucket = (typeof values.bucket === 'string' ? values.bucket : 'none') as Bucket;
    if (!(BUCKETS as readonly string[]).includes(bucket)) throw new CliError('errors.report.badBucket', { given: bucket });
    const filters: Partial<Record<Dimension, (string | null)[]>> = {};
    for (const f of (values.filter as string[] | undefined) ?? []) {
      const eq = f.indexOf('=');
      const d = eq > 0 ? parseDimension(f.slice(0, eq)) : null;
      if (!d) throw new CliError('errors.report.badFilter', { given: f });
      const v = f.slice(eq + 1);
      (filters[d] ??= []).push(v === '' ? null : v);
    }
    const input = { ...range, groupBy, bucket, filters, ...view };
    const report = await api.call('report.explore', input);
    if (ctx.json) {
      ctx.io.out(JSON.stringify(report, null, 2));
      return 0;
    }
    const cur = report.display.currency;
    const days = { path: ctx.dbPath, from: report.from ?? t('cli.range.start'), to: report.to ?? t('cli.range.end'), timeZone: report.timeZone };
    ctx.io.out(report.dayBasis === 'utc' ? t('cli.report.explore', days) : t('cli.report.exploreLocal', days));
    ctx.io.out('');
    const headers = [
      ...(bucket === 'none' ? [] : [t(`cli.bucket.${bucket}`)]),
      ...groupBy.map((d) => t(`cli.dimension.${d}`)),
      t('cli.report.col.spend', { currency: cur }),
      t('cli.report.col.nativeSpend'),
      t('cli.report.col.tokens'),
      t('cli.report.col.requests'),
    ];
    const tok = (t: { input: number; cache_read: number; cache_write_5m: number; cache_write_1h: number; output: number }) =>
      t.input + t.cache_read + t.cache_write_5m + t.cache_write_1h + t.output;
    const rows = report.rows.map((r) => [
      ...(bucket === 'none' ? [] : [r.bucket ?? '']),
      ...r.keys.map((k, i) => {
        if (k === null) return t('cli.report.none');
        const name = report.names[groupBy[i] as NamedDimension]?.[k];
        // Ids that share a name are one row: it says how many; one id shows beside its name.
        const ids = report.ids[groupBy[i] as NamedDimension]?.[k] ?? [k];
        return !name ? k : ids.length > 1 ? t('cli.report.nameOfIds', { name, count: ids.length }) : `${name} (${ids[0]})`;
      }),
      displayMoney(r.spendDisplay),
      formatAmounts(r.spend),
      formatTokens(tok(r.tokens)),
      formatInt(r.requests),
    ]);
    const pad = headers.length - 4;
    rows.push([...Array<string>(pad).fill(''), displayMoney(report.totals.spendDisplay), formatAmounts(report.totals.spend), formatTokens(tok(report.totals.tokens)), formatInt(report.totals.requests)]);
    if (pad > 0) rows[rows.length - 1]![0] = t('cli.report.totalRow');
    ctx.io.out(table(headers, rows, headers.map((_, i) => i >= pad)));
    ctx.io.out(t('cli.report.totalLine', { amount: displayMoney(report.totals.spendDisplay), currency: cur, basis: say(report.display.basis.said) }));
    if (report.display.missing.length) ctx.io.out(t('cli.report.missingConverted', { currency: cur, currencies: report.display.missing.join(', ') }));
    return 0;
  },
};

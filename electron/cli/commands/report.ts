import type { NamedDimension } from '../../../shared/contract/api/names';
import type { Command } from '../command';
import { formatAmounts, formatInt, formatMoney, table, totalsText } from '../format';
import { BUCKETS, DIMENSION_LABELS, parseDimension, type Bucket, type Dimension } from '../../../shared/contract/api/report';
import { ApiError } from '../../../shared/contract/errors';
import { runReconcile } from './reconcile'; // `report reconcile [--month YYYY-MM]`
import { runSessions } from './agent-views'; // `report --by session`

export const reportCommand: Command = {
  usage: 'report [reconcile [--month YYYY-MM]] [--by DIM[,DIM]] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--bucket day|week|month] [--filter DIM=VALUE]... [--tz ZONE] [--currency CUR] [--json]',
  help: `  --from DAY       first day included (YYYY-MM-DD)
  --to DAY         last day included (YYYY-MM-DD)
  --by DIMS        group by one or two of: model, model_family, vendor, region (origin_region), host,
                   inference_geo, provider, account, project, api_key, member, machine, service_tier, line_type
                   (member: the person a fact names, else the member of the machine that imported it);
                   or --by session alone: one row per coding-agent session (--tool TOOL for one tool)
                   (daily per-model: --by model --bucket day)
  --bucket G       also split by day, week or month
  --filter D=V     keep only facts whose dimension D is V (repeatable; V may be empty for "not stated")
  --tz ZONE        time zone for days (default: the settings'; UTC days come from the rollups)
  --currency CUR   display currency for converted spend (default: the settings')
report reconcile [--month YYYY-MM]: bills vs estimates per provider and month.
Without --by, prints the one total in the display currency with its basis, then the native totals ({"totals": ..., "spendDisplay": ...} with --json).`,
  allowPositionals: true,
  options: {
    month: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
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
    if (positionals.length) throw new ApiError('VALIDATION', `Unknown report "${positionals[0]}": use \`report\` or \`report reconcile [--month YYYY-MM]\``);
    const api = await ctx.api();
    const range: { from?: string; to?: string } = {};
    if (typeof values.from === 'string') range.from = values.from;
    if (typeof values.to === 'string') range.to = values.to;
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
        ctx.io.out(`Ledger ${ctx.dbPath}: ${report.factCount} facts${report.from || report.to ? ` from ${report.from ?? 'start'} to ${report.to ?? 'end'}` : ''}`);
        ctx.io.out('');
        ctx.io.out(`total:     ${spend.amount === null ? 'no rate' : formatMoney(spend.amount)} ${spend.currency} (${spend.basis})`);
        if (spend.missing.length) ctx.io.out(`no rate to ${spend.currency} for ${spend.missing.join(', ')}: the total leaves them out`);
        ctx.io.out(totalsText(report.totals));
      }
      return 0;
    }
    const groupBy: Dimension[] = [];
    for (const name of typeof values.by === 'string' ? values.by.split(',').filter(Boolean) : []) {
      const d = parseDimension(name);
      if (!d) throw new ApiError('VALIDATION', `unknown dimension "${name}" in --by`);
      groupBy.push(d);
    }
    const bucket = (typeof values.bucket === 'string' ? values.bucket : 'none') as Bucket;
    if (!(BUCKETS as readonly string[]).includes(bucket)) throw new ApiError('VALIDATION', `--bucket must be one of day, week, month`);
    const filters: Partial<Record<Dimension, (string | null)[]>> = {};
    for (const f of (values.filter as string[] | undefined) ?? []) {
      const eq = f.indexOf('=');
      const d = eq > 0 ? parseDimension(f.slice(0, eq)) : null;
      if (!d) throw new ApiError('VALIDATION', `--filter wants DIM=VALUE, got "${f}"`);
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
    ctx.io.out(
      `Ledger ${ctx.dbPath}, ${report.from ?? 'start'} to ${report.to ?? 'end'}, days in ${report.timeZone}${report.dayBasis === 'utc' ? '' : ' (request/hour rows on local days; day rows keep the export’s day)'}`,
    );
    ctx.io.out('');
    const headers = [...(bucket === 'none' ? [] : [bucket]), ...groupBy.map((d) => DIMENSION_LABELS[d].toLowerCase()), `spend ${cur}`, 'native spend', 'tokens', 'requests'];
    const tok = (t: { input: number; cache_read: number; cache_write_5m: number; cache_write_1h: number; output: number }) =>
      t.input + t.cache_read + t.cache_write_5m + t.cache_write_1h + t.output;
    const rows = report.rows.map((r) => [
      ...(bucket === 'none' ? [] : [r.bucket ?? '']),
      ...r.keys.map((k, i) => {
        const name = k === null ? undefined : report.names[groupBy[i] as NamedDimension]?.[k];
        return k === null ? '(none)' : name ? `${name} (${k})` : k;
      }),
      r.spendDisplay === null ? 'no rate' : formatMoney(r.spendDisplay),
      formatAmounts(r.spend),
      formatInt(tok(r.tokens)),
      formatInt(r.requests),
    ]);
    const pad = headers.length - 4;
    rows.push([...Array<string>(pad).fill(''), report.totals.spendDisplay === null ? 'no rate' : formatMoney(report.totals.spendDisplay), formatAmounts(report.totals.spend), formatInt(tok(report.totals.tokens)), formatInt(report.totals.requests)]);
    if (pad > 0) rows[rows.length - 1]![0] = 'TOTAL';
    ctx.io.out(table(headers, rows, headers.map((_, i) => i >= pad)));
    ctx.io.out(`total ${report.totals.spendDisplay === null ? 'no rate' : formatMoney(report.totals.spendDisplay)} ${cur}: ${report.display.basis.note}`);
    if (report.display.missing.length) ctx.io.out(`no rate to ${cur} for ${report.display.missing.join(', ')}: converted figures omitted`);
    return 0;
  },
};

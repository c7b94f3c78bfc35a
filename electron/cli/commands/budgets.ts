/**
 * `tokenledger budgets list | add | remove | import <file> | export | check`.
 * `check` exits 0 when every budget holds, 1 when a 100 % threshold is crossed, 2 when only forecasts
 * say one will be (EXIT_CODES in shared/contract/errors.ts keeps 1 and 2 for this), for cron and CI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { BudgetStatus } from '../../../shared/contract/api/budgets';
import type { MethodInput } from '../../../shared/contract/methods';
import type { Command, CommandContext } from '../command';
import { CliError } from '../errors';
import { formatInt, formatMoney, formatMonth, formatTokens, table } from '../format';
import { say, t } from '../i18n';
import { endInstant } from '../period';

const SUBCOMMANDS = ['list', 'add', 'remove', 'import', 'export', 'check'] as const;

/** Webhook deliveries started by this command get this long before the process exits. */
const WEBHOOK_WAIT_MS = 15_000;

/** A figure for the terminal: money to the cent (the exact value is in --json), tokens with separators. */
function num(s: BudgetStatus, v: string): string {
  return s.unit === 'money' ? formatMoney(v) : formatInt(Number(v));
}

function unit(s: BudgetStatus, v: string): string {
  if (s.unit === 'money') return t('cli.money.amount', { amount: num(s, v), currency: s.currency ?? '' });
  return s.tokenClass === 'total' || s.tokenClass === null ? t('cli.budgets.tokens', { count: num(s, v) }) : t('cli.budgets.classTokens', { count: num(s, v), tokenClass: s.tokenClass });
}

function forecastText(s: BudgetStatus): string {
  const f = s.forecast;
  if (f.status === 'insufficient') return t('cli.budgets.forecast.insufficient');
  if (f.status === 'complete') return t('cli.budgets.forecast.closed');
  const range = { expected: unit(s, f.expected), low: num(s, f.low), high: num(s, f.high) };
  const text = f.thin ? t('cli.budgets.forecast.thin', range) : t('cli.budgets.forecast.range', range);
  return f.overrunDay ? t('cli.budgets.forecast.overOn', { range: text, day: f.overrunDay }) : text;
}

/** A calendar month's name in the output's locale; other periods as the engine labels them. */
function periodLabel(s: BudgetStatus): string {
  const { firstDay, lastDay } = s.period;
  return s.definition.period.kind === 'month' && firstDay.endsWith('-01') && firstDay.slice(0, 7) === lastDay.slice(0, 7) ? formatMonth(firstDay.slice(0, 7)) : s.period.label;
}

function statusTable(budgets: BudgetStatus[]): string {
  const headers = (['id', 'budget', 'period', 'spent', 'of', 'share', 'forecast', 'state'] as const).map((c) => t(`cli.budgets.col.${c}`));
  return table(
    headers,
    budgets.map((s) => [
      s.id ?? '-',
      s.definition.name,
      periodLabel(s),
      num(s, s.spent),
      unit(s, s.amount),
      t('cli.percent', { value: s.sharePercent.toFixed(1) }),
      forecastText(s),
      t(`cli.budgets.state.${s.state}`),
    ]),
    [true, false, false, true, false, true, false, false],
  );
}

function notesOf(budgets: BudgetStatus[]): string[] {
  const lines: string[] = [];
  for (const s of budgets) {
    const budget = s.definition.name;
    if (s.unpriced.facts > 0) lines.push(t('cli.budgets.unpriced', { budget, tokens: formatTokens(s.unpriced.tokens), models: s.unpriced.models.join(', ') }));
    for (const r of s.fx) lines.push(t('cli.budgets.fxRate', { budget, from: r.from, rate: r.rate, to: r.to, day: r.rateDate ?? '-' }));
    if (s.fxMissing.length) lines.push(t('cli.budgets.fxMissing', { budget, currencies: s.fxMissing.join(', ') }));
  }
  return lines;
}

function list(v: unknown): string[] {
  if (v === undefined) return [];
  const arr = Array.isArray(v) ? (v as string[]) : [String(v)];
  return arr.flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
}

async function waitForWebhooks(): Promise<void> {
  const { webhooksSettled } = await import('../../engine');
  await Promise.race([webhooksSettled(), new Promise((ok) => setTimeout(ok, WEBHOOK_WAIT_MS).unref())]);
}

async function add(values: Record<string, unknown>, ctx: CommandContext): Promise<number> {
  const api = await ctx.api();
  const settings = await api.call('settings.get', {});
  if (typeof values.name !== 'string') throw new CliError('errors.budgets.needsName');
  const hasMoney = typeof values.amount === 'string';
  const hasTokens = typeof values.tokens === 'string';
  if (hasMoney === hasTokens) throw new CliError('errors.budgets.needsAmount');
  const kind = (values.period as string | undefined) ?? 'month';
  const def: MethodInput<'budgets.create'>['budget'] = {
    name: values.name,
    period: {
      kind: kind as 'month',
      timeZone: (values.tz as string | undefined) ?? settings.timeZone,
      weekStart: (values['week-start'] as 'monday' | 'sunday' | undefined) ?? settings.weekStart,
      ...(typeof values.from === 'string' ? { from: values.from } : {}),
      ...(typeof values.to === 'string' ? { to: values.to } : {}),
    },
    amount: hasMoney
      ? { unit: 'money', value: values.amount as string, currency: ((values.currency as string | undefined) ?? settings.displayCurrency).toUpperCase() }
      : { unit: 'tokens', value: Number(values.tokens), tokenClass: ((values['token-class'] as string | undefined) ?? 'total') as 'total' },
    scope: {
      providers: list(values.provider),
      vendors: list(values.vendor),
      regions: list(values.region) as ('US' | 'CN' | 'EU' | 'other')[],
      models: list(values.model),
      projects: list(values.project),
      apiKeys: list(values.key),
      members: list(values.member),
      machines: list(values.machine),
      tags: list(values.tag),
    },
    ...(values.thresholds !== undefined ? { thresholds: list(values.thresholds).map(Number) } : {}),
    rollover: values.rollover === true,
    ...(typeof values.notes === 'string' ? { notes: values.notes } : {}),
    ...(typeof values.webhook === 'string' ? { webhookUrl: values.webhook } : {}),
  };
  const s = await api.call('budgets.create', { budget: def });
  if (ctx.json) ctx.io.out(JSON.stringify(s, null, 2));
  else ctx.io.out(`${t('cli.budgets.added', { id: s.id ?? '-', name: s.definition.name, scope: s.scopeLabel })}\n\n${statusTable([s])}`);
  await waitForWebhooks();
  return 0;
}

async function resolveId(ctx: CommandContext, ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) return Number(ref);
  const api = await ctx.api();
  const found = (await api.call('budgets.list', {})).find((b) => b.definition.name === ref);
  if (!found?.id) throw new CliError('errors.budgets.noSuchBudget', { name: ref }, 'NOT_FOUND');
  return found.id;
}

/** `--month`/`--to` as the instant list and check evaluate at (the day's end in the settings' zone); `--at` as given. */
async function asOf(values: Record<string, unknown>, ctx: CommandContext): Promise<{ at?: string }> {
  if (values.from !== undefined) throw new CliError('errors.period.asOf');
  if (typeof values.at === 'string') {
    if (values.month !== undefined || values.to !== undefined) throw new CliError('errors.deprecated.both', { old: '--at', use: '--month/--to' });
    return { at: values.at };
  }
  if (values.month === undefined && values.to === undefined) return {};
  const { timeZone } = await (await ctx.api()).call('settings.get', {});
  const at = endInstant(values, timeZone);
  return at === undefined ? {} : { at };
}

export const budgetsCommand: Command = {
  usage: 'budgets list | add --name N (--amount X [--currency C] | --tokens N) [scope...] | remove <id|name> | import <file> | export [--out FILE] | check [--month YYYY-MM | --to YYYY-MM-DD]',
  help: `  list [--month M | --to DAY]  every budget with spent, share, forecast and state (as of now, or of the
                         end of that month or day in the settings' time zone)
  add                    --name NAME and --amount 500 [--currency USD] or --tokens 2000000 [--token-class output]
                         [--period month|week|quarter|custom --from DAY --to DAY] [--tz ZONE] [--week-start monday|sunday]
                         [--thresholds 50,80,100] [--rollover] [--notes TEXT] [--webhook URL]
                         scope (repeat or comma-separate): --provider --vendor --region --model --project --key --member --machine --tag
                         (a member: the person a bill line names, else whose machine imported it)
  remove ID|NAME         delete a budget and its alerts
  import FILE            add the budgets of a team file (same name: updated)
  export [--out FILE]    write every budget as JSON (stdout without --out)
  check [--month M | --to DAY]  status of every budget; exit 0 all hold, 1 a 100 % threshold crossed, 2 only forecast to be`,
  options: {
    name: { type: 'string' },
    amount: { type: 'string' },
    currency: { type: 'string' },
    tokens: { type: 'string' },
    'token-class': { type: 'string' },
    period: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    tz: { type: 'string' },
    'week-start': { type: 'string' },
    thresholds: { type: 'string' },
    rollover: { type: 'boolean', default: false },
    notes: { type: 'string' },
    webhook: { type: 'string' },
    provider: { type: 'string', multiple: true },
    vendor: { type: 'string', multiple: true },
    region: { type: 'string', multiple: true },
    model: { type: 'string', multiple: true },
    project: { type: 'string', multiple: true },
    key: { type: 'string', multiple: true },
    member: { type: 'string', multiple: true },
    machine: { type: 'string', multiple: true },
    tag: { type: 'string', multiple: true },
    out: { type: 'string' },
    month: { type: 'string' },
    at: { type: 'string' },
  },
  deprecated: { at: { use: '--to YYYY-MM-DD or --month YYYY-MM' } },
  allowPositionals: true,
  async run({ values, positionals }, ctx) {
    const [sub, ...args] = positionals;
    if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
      throw sub ? new CliError('errors.budgets.unknownSub', { given: sub, subs: SUBCOMMANDS.join(', ') }) : new CliError('errors.budgets.needsSub', { subs: SUBCOMMANDS.join(', ') });
    }
    const api = await ctx.api();
    const at = sub === 'list' || sub === 'check' ? await asOf(values, ctx) : {};
    switch (sub) {
      case 'list': {
        const budgets = await api.call('budgets.list', at);
        if (ctx.json) ctx.io.out(JSON.stringify(budgets, null, 2));
        else if (budgets.length === 0) ctx.io.out(t('cli.budgets.none'));
        else ctx.io.out([statusTable(budgets), ...notesOf(budgets)].join('\n'));
        return 0;
      }
      case 'add':
        return add(values, ctx);
      case 'remove': {
        if (!args[0]) throw new CliError('errors.budgets.removeNeedsId');
        const r = await api.call('budgets.remove', { id: await resolveId(ctx, args[0]) });
        ctx.io.out(ctx.json ? JSON.stringify(r, null, 2) : t('cli.budgets.removed', { id: r.id }));
        return 0;
      }
      case 'import': {
        if (!args[0]) throw new CliError('errors.budgets.importNeedsFile');
        let file: unknown;
        try {
          file = JSON.parse(readFileSync(args[0], 'utf8'));
        } catch (err) {
          throw new CliError('errors.budgets.notJson', { file: args[0], detail: (err as Error).message });
        }
        const r = await api.call('budgets.import', { file: file as never });
        if (ctx.json) ctx.io.out(JSON.stringify(r, null, 2));
        else ctx.io.out(`${t('cli.budgets.imported', { file: args[0], added: r.added, updated: r.updated })}\n\n${statusTable(r.budgets)}`);
        await waitForWebhooks();
        return 0;
      }
      case 'export': {
        const file = await api.call('budgets.export', {});
        const text = JSON.stringify(file, null, 2) + '\n';
        if (typeof values.out === 'string') {
          writeFileSync(values.out, text);
          ctx.io.out(ctx.json ? JSON.stringify({ out: values.out, budgets: file.budgets.length }) : t('cli.budgets.wrote', { count: file.budgets.length, file: values.out }));
        } else ctx.io.out(text);
        return 0;
      }
      case 'check': {
        const r = await api.call('budgets.check', at);
        if (ctx.json) ctx.io.out(JSON.stringify(r, null, 2));
        else {
          const verdict = t(`cli.budgets.verdict.${r.state}`);
          ctx.io.out([r.budgets.length ? statusTable(r.budgets) : t('cli.budgets.noneShort'), ...notesOf(r.budgets), '', verdict, ...r.fired.map((a) => t('cli.budgets.alert', { message: say(a.said) }))].join('\n'));
        }
        await waitForWebhooks();
        return r.exitCode;
      }
    }
    return 0;
  },
};

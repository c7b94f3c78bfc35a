/**
 * `tokenledger budgets list | add | remove | import <file> | export | check`.
 * `check` exits 0 when every budget holds, 1 when a 100 % threshold is crossed, 2 when only forecasts
 * say one will be (EXIT_CODES in shared/contract/errors.ts keeps 1 and 2 for this), for cron and CI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { BudgetStatus } from '../../../shared/contract/api/budgets';
import { roundAmount } from '../../../shared/contract/format';
import type { MethodInput } from '../../../shared/contract/methods';
import { ApiError } from '../../../shared/contract/errors';
import type { Command, CommandContext } from '../command';
import { table } from '../format';

const SUBCOMMANDS = ['list', 'add', 'remove', 'import', 'export', 'check'] as const;

/** Webhook deliveries started by this command get this long before the process exits. */
const WEBHOOK_WAIT_MS = 15_000;

/** A figure for the terminal: money to 2 decimals (the exact value is in --json), tokens with separators. */
function num(s: BudgetStatus, v: string): string {
  return s.unit === 'money' ? roundAmount(v, 2) : Number(v).toLocaleString('en-US');
}

function unit(s: BudgetStatus, v: string): string {
  return s.unit === 'money' ? `${num(s, v)} ${s.currency}` : `${num(s, v)} ${s.tokenClass === 'total' ? '' : `${s.tokenClass} `}tokens`;
}

function forecastText(s: BudgetStatus): string {
  const f = s.forecast;
  if (f.status === 'insufficient') return 'not enough data';
  if (f.status === 'complete') return 'period closed';
  const range = `${unit(s, f.expected)} (${num(s, f.low)}-${num(s, f.high)}${f.thin ? ', few days of data' : ''})`;
  return f.overrunDay ? `${range}, over on ${f.overrunDay}` : range;
}

function statusTable(budgets: BudgetStatus[]): string {
  return table(
    ['id', 'budget', 'period', 'spent', 'of', 'share', 'forecast', 'state'],
    budgets.map((s) => [
      s.id ?? '-',
      s.definition.name,
      s.period.label,
      num(s, s.spent),
      unit(s, s.amount),
      `${s.sharePercent.toFixed(1)} %`,
      forecastText(s),
      s.state.toUpperCase(),
    ]),
    [true, false, false, true, false, true, false, false],
  );
}

function notesOf(budgets: BudgetStatus[]): string[] {
  const lines: string[] = [];
  for (const s of budgets) {
    if (s.unpriced.facts > 0) {
      lines.push(`${s.definition.name}: ${s.unpriced.tokens.toLocaleString('en-US')} tokens in scope have no price (${s.unpriced.models.join(', ')}): not counted in spent`);
    }
    for (const r of s.fx) lines.push(`${s.definition.name}: converted at 1 ${r.from} = ${r.rate} ${r.to} (rate of ${r.rateDate ?? 'n/a'})`);
    if (s.fxMissing.length) lines.push(`${s.definition.name}: no FX rate for ${s.fxMissing.join(', ')}: that spend is left out`);
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
  if (typeof values.name !== 'string') throw new ApiError('VALIDATION', 'budgets add needs --name');
  const hasMoney = typeof values.amount === 'string';
  const hasTokens = typeof values.tokens === 'string';
  if (hasMoney === hasTokens) throw new ApiError('VALIDATION', 'budgets add needs exactly one of --amount (money) or --tokens');
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
  else ctx.io.out(`Added budget ${s.id} "${s.definition.name}" (${s.scopeLabel})\n\n${statusTable([s])}`);
  await waitForWebhooks();
  return 0;
}

async function resolveId(ctx: CommandContext, ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) return Number(ref);
  const api = await ctx.api();
  const found = (await api.call('budgets.list', {})).find((b) => b.definition.name === ref);
  if (!found?.id) throw new ApiError('NOT_FOUND', `No budget named "${ref}".`);
  return found.id;
}

export const budgetsCommand: Command = {
  usage: 'budgets list | add --name N (--amount X [--currency C] | --tokens N) [scope...] | remove <id|name> | import <file> | export [--out FILE] | check [--at ISO]',
  help: `  list                   every budget with spent, share, forecast and state
  add                    --name NAME and --amount 500 [--currency USD] or --tokens 2000000 [--token-class output]
                         [--period month|week|quarter|custom --from DAY --to DAY] [--tz ZONE] [--week-start monday|sunday]
                         [--thresholds 50,80,100] [--rollover] [--notes TEXT] [--webhook URL]
                         scope (repeat or comma-separate): --provider --vendor --region --model --project --key --member --machine --tag
                         (a member: the person a bill line names, else whose machine imported it)
  remove ID|NAME         delete a budget and its alerts
  import FILE            add the budgets of a team file (same name: updated)
  export [--out FILE]    write every budget as JSON (stdout without --out)
  check [--at ISO]       status of every budget; exit 0 all hold, 1 a 100 % threshold crossed, 2 only forecast to be`,
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
    at: { type: 'string' },
  },
  allowPositionals: true,
  async run({ values, positionals }, ctx) {
    const [sub, ...args] = positionals;
    if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
      throw new ApiError('VALIDATION', `budgets needs one of: ${SUBCOMMANDS.join(', ')}${sub ? ` (not "${sub}")` : ''}`);
    }
    const api = await ctx.api();
    const at = typeof values.at === 'string' ? { at: values.at } : {};
    switch (sub) {
      case 'list': {
        const budgets = await api.call('budgets.list', at);
        if (ctx.json) ctx.io.out(JSON.stringify(budgets, null, 2));
        else if (budgets.length === 0) ctx.io.out('No budgets yet. Add one: tokenledger budgets add --name "Team" --amount 500 --currency USD');
        else ctx.io.out([statusTable(budgets), ...notesOf(budgets)].join('\n'));
        return 0;
      }
      case 'add':
        return add(values, ctx);
      case 'remove': {
        if (!args[0]) throw new ApiError('VALIDATION', 'budgets remove needs the id or name of a budget');
        const r = await api.call('budgets.remove', { id: await resolveId(ctx, args[0]) });
        ctx.io.out(ctx.json ? JSON.stringify(r, null, 2) : `Removed budget ${r.id}`);
        return 0;
      }
      case 'import': {
        if (!args[0]) throw new ApiError('VALIDATION', 'budgets import needs a file');
        let file: unknown;
        try {
          file = JSON.parse(readFileSync(args[0], 'utf8'));
        } catch (err) {
          throw new ApiError('VALIDATION', `${args[0]} is not a readable JSON file: ${(err as Error).message}`);
        }
        const r = await api.call('budgets.import', { file: file as never });
        if (ctx.json) ctx.io.out(JSON.stringify(r, null, 2));
        else ctx.io.out(`Imported ${args[0]}: ${r.added} added, ${r.updated} updated\n\n${statusTable(r.budgets)}`);
        await waitForWebhooks();
        return 0;
      }
      case 'export': {
        const file = await api.call('budgets.export', {});
        const text = JSON.stringify(file, null, 2) + '\n';
        if (typeof values.out === 'string') {
          writeFileSync(values.out, text);
          ctx.io.out(ctx.json ? JSON.stringify({ out: values.out, budgets: file.budgets.length }) : `Wrote ${file.budgets.length} budgets to ${values.out}`);
        } else ctx.io.out(text);
        return 0;
      }
      case 'check': {
        const r = await api.call('budgets.check', at);
        if (ctx.json) ctx.io.out(JSON.stringify(r, null, 2));
        else {
          const verdict = { ok: 'All budgets hold.', over: 'OVER: a budget has crossed 100 %.', projected: 'PROJECTED: a forecast says a budget will cross 100 %.' }[r.state];
          ctx.io.out([r.budgets.length ? statusTable(r.budgets) : 'No budgets.', ...notesOf(r.budgets), '', verdict, ...r.fired.map((a) => `alert: ${a.message}`)].join('\n'));
        }
        await waitForWebhooks();
        return r.exitCode;
      }
    }
    return 0;
  },
};

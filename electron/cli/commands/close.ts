/**
 * `tokenledger close MONTH | --list | accept | discard` and `tokenledger reopen MONTH`: a month marked
 * reconciled keeps its figures; what later imports would add to it is held until accepted or discarded.
 */
import { heldByMonth, type MonthCloseState } from '../../../shared/contract/api/close';
import type { Command } from '../command';
import { CliError } from '../errors';
import { formatAmounts, formatInt, formatMonth, table } from '../format';
import { t } from '../i18n';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function monthArg(value: string | undefined, command: string): string {
  if (value === undefined || !MONTH.test(value)) throw new CliError('errors.close.badMonth', { command, given: value ?? '' });
  return value;
}

function stateText(s: MonthCloseState): string {
  const lines: string[] = [];
  lines.push(
    s.closed.length
      ? table(
          (['month', 'state', 'closedAt'] as const).map((c) => t(`cli.close.col.${c}`)),
          s.closed.map((c) => [c.month, t('cli.close.closed'), c.closedAt]),
        )
      : t('cli.close.none'),
  );
  const months = heldByMonth(s.held);
  if (months.length) {
    lines.push('');
    for (const m of months) lines.push(t(m.closed ? 'cli.close.heldClosed' : 'cli.close.held', { imports: m.imports, amounts: formatAmounts(m.amounts), month: formatMonth(m.month) }));
    lines.push(
      '',
      table(
        (['import', 'file', 'heldMonth', 'new', 'revised', 'removed', 'amount'] as const).map((c) => t(`cli.close.col.${c}`)),
        s.held.map((h) => [String(h.batchId), h.kind === 'undo' ? t('cli.close.undoOf', { file: h.file }) : h.file, h.month, formatInt(h.newFacts), formatInt(h.revisedFacts), formatInt(h.removedFacts), formatAmounts(h.amounts)]),
        [true, false, false, true, true, true, true],
      ),
    );
    lines.push('', t('cli.close.hint'));
  }
  return lines.join('\n');
}

function selection(values: Record<string, unknown>, ids: readonly string[], command: string): { month?: string; batchIds?: number[] } {
  const month = typeof values.month === 'string' ? monthArg(values.month, command) : undefined;
  const batchIds = ids.map((i) => {
    const n = Number(i);
    if (!Number.isInteger(n) || n <= 0) throw new CliError('errors.close.badIds', { command, given: i });
    return n;
  });
  return { ...(month ? { month } : {}), ...(batchIds.length ? { batchIds } : {}) };
}

export const closeCommand: Command = {
  usage: 'close [YYYY-MM | --month YYYY-MM | --list | accept|discard [--month YYYY-MM] [IMPORT_ID...]]',
  help: `  close 2025-09               mark September 2025 reconciled: later imports into it are held, not counted
  close --list                closed months and the imports they hold (also: close with no argument)
  close accept [--month M] [ID...]   count held imports (all, a month's, or these import ids)
  close discard [--month M] [ID...]  remove held imports for good
  A month is the day the ledger keeps for a fact (its UTC day). reopen MONTH opens it again.`,
  options: { month: { type: 'string' }, list: { type: 'boolean', default: false } },
  allowPositionals: true,
  async run({ values, positionals }, ctx) {
    const api = await ctx.api();
    const [first, ...rest] = positionals;
    const print = (s: MonthCloseState) => ctx.io.out(ctx.json ? JSON.stringify(s, null, 2) : stateText(s));
    if (first === 'accept' || first === 'discard') {
      const sel = selection(values, rest, `close ${first}`);
      if (first === 'accept') {
        const r = await api.call('close.accept', sel);
        if (ctx.json) ctx.io.out(JSON.stringify(r, null, 2));
        else ctx.io.out(`${t('cli.close.accepted', { count: formatInt(r.accepted) })}\n\n${stateText(r.state)}`);
      } else {
        const r = await api.call('close.discard', sel);
        if (ctx.json) ctx.io.out(JSON.stringify(r, null, 2));
        else ctx.io.out(`${t('cli.close.discarded', { count: formatInt(r.discarded) })}\n\n${stateText(r.state)}`);
      }
      return 0;
    }
    if (values.list === true || (first === undefined && values.month === undefined)) {
      print(await api.call('close.list', {}));
      return 0;
    }
    if (rest.length) throw new CliError('errors.close.oneMonth', { given: positionals.join(' ') });
    const month = monthArg(first ?? (values.month as string | undefined), 'close');
    const s = await api.call('close.month', { month });
    if (!ctx.json) ctx.io.out(`${t('cli.close.closedMonth', { month: formatMonth(month) })}\n`);
    print(s);
    return 0;
  },
};

export const reopenCommand: Command = {
  usage: 'reopen YYYY-MM',
  help: '  reopen 2025-09              open a closed month again (its held imports still wait for accept or discard)',
  options: { month: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }, ctx) {
    const api = await ctx.api();
    const month = monthArg(positionals[0] ?? (values.month as string | undefined), 'reopen');
    const s = await api.call('close.reopen', { month });
    if (!ctx.json) ctx.io.out(`${t('cli.close.reopened', { month: formatMonth(month) })}\n`);
    ctx.io.out(ctx.json ? JSON.stringify(s, null, 2) : stateText(s));
    return 0;
  },
};

/**
 * The one date vocabulary of every command: `--month YYYY-MM`, or `--from YYYY-MM-DD` and/or
 * `--to YYYY-MM-DD` (days included). Each command that takes a period reads it here, so the flags,
 * their checks and their errors are the same everywhere.
 */
import { endOfDayInstant, monthRange } from '../../shared/contract/period';
import { isoDay, month as monthSchema } from '../../shared/contract/schemas';
import type { OptionSpec } from './command';
import { CliError } from './errors';

export const PERIOD_OPTIONS = {
  month: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
} as const satisfies OptionSpec;

export const PERIOD_HELP = `  --month YYYY-MM  one calendar month
  --from DAY       first day included (YYYY-MM-DD)
  --to DAY         last day included (YYYY-MM-DD)`;

export const MONTH_HELP = `  --month YYYY-MM  the month (default: the current month, else the latest month with data)`;

/** A period as the flags gave it: a month, or days (either end may be open). */
export interface Period {
  month?: string;
  from?: string;
  to?: string;
}


function text(values: Record<string, unknown>, flag: string): string | undefined {
  const v = values[flag];
  return typeof v === 'string' ? v.trim() : undefined;
}

function day(values: Record<string, unknown>, flag: 'from' | 'to'): string | undefined {
  const v = text(values, flag);
  if (v !== undefined && !isoDay.safeParse(v).success) throw new CliError('errors.period.badDay', { flag: `--${flag}`, given: v });
  return v;
}

/** `--month` alone, checked ("--month expects YYYY-MM, e.g. 2025-09"); --from/--to are refused. */
export function readMonth(values: Record<string, unknown>, command: string): string | undefined {
  if (values.from !== undefined || values.to !== undefined) throw new CliError('errors.period.monthOnly', { command });
  const month = text(values, 'month');
  if (month !== undefined && !monthSchema.safeParse(month).success) throw new CliError('errors.period.badMonth', { given: month });
  return month;
}

/**
 * `--month` or `--from`/`--to` as a range of days: a month becomes its first and last day. The two
 * forms do not mix, and --from may not be after --to.
 */
export function readRange(values: Record<string, unknown>): { from?: string; to?: string } {
  const month = text(values, 'month');
  if (month !== undefined) {
    if (values.from !== undefined || values.to !== undefined) throw new CliError('errors.period.monthAndDays');
    if (!monthSchema.safeParse(month).success) throw new CliError('errors.period.badMonth', { given: month });
    return monthRange(month);
  }
  const from = day(values, 'from');
  const to = day(values, 'to');
  if (from !== undefined && to !== undefined && from > to) throw new CliError('errors.period.reversed', { from, to });
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

/**
 * "As of" a period's end, for views that evaluate at an instant (budgets): the last millisecond of the
 * range's last day in `timeZone`; undefined without --month/--to (now).
 */
export function endInstant(values: Record<string, unknown>, timeZone: string): string | undefined {
  if (values.from !== undefined) throw new CliError('errors.period.asOf');
  const { to } = readRange(values);
  if (to === undefined) return undefined;
  return endOfDayInstant(to, timeZone);
}

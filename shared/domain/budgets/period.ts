/**
 * Budget periods in any IANA time zone, with Intl only (no date library).
 *
 * A period is a half-open range of UTC instants [start, end) whose bounds are local midnights in the
 * budget's zone: a month in Asia/Shanghai starts at 16:00 UTC the day before; a month in
 * America/Los_Angeles starts at 08:00 UTC (07:00 in summer). Usage facts land on days by the one rule of
 * a fact's day (time.ts factDay): a request or hour row on the local day of its start, a day or month
 * bucket on the day its export names, in every zone.
 */

import { addLocalDays, dayString, localDate, localDaysBetween, parseDay, startOfLocalDay, weekday, type LocalDate } from '../time';

export type PeriodKind = 'month' | 'week' | 'quarter' | 'custom';
export type WeekStart = 'monday' | 'sunday';

export interface PeriodSpec {
  kind: PeriodKind;
  timeZone: string;
  weekStart: WeekStart;
  /** Custom range: first and last local day, inclusive ('YYYY-MM-DD'). */
  from?: string | undefined;
  to?: string | undefined;
}

export interface Period {
  /** Stable key of the period: '2025-03', '2025-Q1', 'W2025-03-03' (week's first day), 'C2025-03-01..2025-03-20'. */
  key: string;
  /** Human label: 'March 2025', 'Q1 2025', 'Week of 2025-03-03', '2025-03-01 – 2025-03-20'. */
  label: string;
  /** UTC epoch ms, inclusive. */
  start: number;
  /** UTC epoch ms, exclusive. */
  end: number;
  /** First and last local day, inclusive. */
  firstDay: string;
  lastDay: string;
  /** Number of local calendar days in the period. */
  days: number;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function firstDayOf(spec: PeriodSpec, day: LocalDate): LocalDate {
  switch (spec.kind) {
    case 'month':
      return { y: day.y, m: day.m, d: 1 };
    case 'quarter':
      return { y: day.y, m: Math.floor((day.m - 1) / 3) * 3 + 1, d: 1 };
    case 'week': {
      const wd = weekday(day);
      const back = spec.weekStart === 'monday' ? (wd + 6) % 7 : wd;
      return addLocalDays(day, -back);
    }
    case 'custom':
      return parseDay(requireCustom(spec).from);
  }
}

function requireCustom(spec: PeriodSpec): { from: string; to: string } {
  if (!spec.from || !spec.to) throw new Error('a custom period needs from and to days');
  return { from: spec.from, to: spec.to };
}

function nextFirstDay(spec: PeriodSpec, first: LocalDate): LocalDate {
  switch (spec.kind) {
    case 'month':
      return first.m === 12 ? { y: first.y + 1, m: 1, d: 1 } : { y: first.y, m: first.m + 1, d: 1 };
    case 'quarter':
      return first.m >= 10 ? { y: first.y + 1, m: 1, d: 1 } : { y: first.y, m: first.m + 3, d: 1 };
    case 'week':
      return addLocalDays(first, 7);
    case 'custom':
      return addLocalDays(parseDay(requireCustom(spec).to), 1);
  }
}

function periodFromFirstDay(spec: PeriodSpec, first: LocalDate): Period {
  const next = nextFirstDay(spec, first);
  const last = addLocalDays(next, -1);
  const firstDay = dayString(first);
  let key: string;
  let label: string;
  switch (spec.kind) {
    case 'month':
      key = firstDay.slice(0, 7);
      label = `${MONTHS[first.m - 1]} ${first.y}`;
      break;
    case 'quarter':
      key = `${first.y}-Q${(first.m - 1) / 3 + 1}`;
      label = `Q${(first.m - 1) / 3 + 1} ${first.y}`;
      break;
    case 'week':
      key = `W${firstDay}`;
      label = `Week of ${firstDay}`;
      break;
    case 'custom':
      key = `C${firstDay}..${dayString(last)}`;
      label = `${firstDay} – ${dayString(last)}`;
      break;
  }
  return {
    key,
    label,
    start: startOfLocalDay(first, spec.timeZone),
    end: startOfLocalDay(next, spec.timeZone),
    firstDay,
    lastDay: dayString(last),
    days: localDaysBetween(first, next),
  };
}

/** The period that contains `instant` (for a custom range: the range itself, whatever the instant). */
export function periodAt(spec: PeriodSpec, instant: number): Period {
  return periodFromFirstDay(spec, firstDayOf(spec, localDate(instant, spec.timeZone)));
}

/** The period just before `p` (null for a custom range, which has one period). */
export function previousPeriod(spec: PeriodSpec, p: Period): Period | null {
  if (spec.kind === 'custom') return null;
  return periodAt(spec, p.start - 1);
}

/**
 * Periods from the one containing `from` up to and including the one containing `to`, oldest first
 * (at most `limit`, keeping the newest).
 */
export function periodsBetween(spec: PeriodSpec, from: number, to: number, limit = 120): Period[] {
  if (spec.kind === 'custom') return [periodAt(spec, to)];
  const out: Period[] = [];
  let p: Period | null = periodAt(spec, to);
  while (p && p.end > from && out.length < limit) {
    out.push(p);
    if (p.start <= from) break;
    p = previousPeriod(spec, p);
  }
  return out.reverse();
}

/** Local days of a period, in order. */
export function periodDays(p: Period): string[] {
  const out: string[] = [];
  let d = parseDay(p.firstDay);
  for (let i = 0; i < p.days; i++) {
    out.push(dayString(d));
    d = addLocalDays(d, 1);
  }
  return out;
}

/**
 * Budget periods in any IANA time zone, with Intl only (no date library).
 *
 * A period is a half-open range of UTC instants [start, end) whose bounds are local midnights in the
 * budget's zone: a month in Asia/Shanghai starts at 16:00 UTC the day before; a month in
 * America/Los_Angeles starts at 08:00 UTC (07:00 in summer). Usage facts are attributed to the period
 * that contains their MIDPOINT, so a UTC day bucket (00:00-24:00 UTC, midpoint 12:00 UTC) lands on the
 * same calendar day in every zone from UTC-12 to UTC+12, while request-level rows land where they ran.
 */

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

export interface LocalDate {
  y: number;
  m: number; // 1-12
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock fields of `instant` in `tz`. */
export function localParts(instant: number, tz: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts = formatter(tz).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? '0');
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour') % 24, min: get('minute'), s: get('second') };
}

/** Offset of `tz` from UTC at `instant`, in ms (UTC+8 -> +28_800_000). */
export function zoneOffset(instant: number, tz: string): number {
  const p = localParts(instant, tz);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
  return asUtc - (instant - (((instant % 1000) + 1000) % 1000));
}

/** The local calendar day of `instant` in `tz`. */
export function localDate(instant: number, tz: string): LocalDate {
  const p = localParts(instant, tz);
  return { y: p.y, m: p.m, d: p.d };
}

export function dayString(d: LocalDate): string {
  return `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
}

export function parseDay(s: string): LocalDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new Error(`expected a day as YYYY-MM-DD, got "${s}"`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** Calendar arithmetic on local dates (proleptic Gregorian, via UTC). */
export function addDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(d: LocalDate): number {
  return new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay();
}

export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/**
 * The first instant of local day `d` in `tz`: local midnight, or, where a DST change skips midnight
 * (e.g. America/Santiago, Asia/Beirut), the first instant that exists on that day.
 */
export function startOfLocalDay(d: LocalDate, tz: string): number {
  const guess = Date.UTC(d.y, d.m - 1, d.d);
  let t = guess - zoneOffset(guess, tz);
  const second = guess - zoneOffset(t, tz);
  if (second !== t) t = second;
  // Land inside the right local day: step back while the previous hour is still the same day,
  // forward while we are still on the day before.
  const same = (x: number) => dayString(localDate(x, tz)) === dayString(d);
  while (!same(t) && dayString(localDate(t, tz)) < dayString(d)) t += 15 * 60_000;
  while (same(t - 15 * 60_000)) t -= 15 * 60_000;
  return t;
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
      return addDays(day, -back);
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
      return addDays(first, 7);
    case 'custom':
      return addDays(parseDay(requireCustom(spec).to), 1);
  }
}

function periodFromFirstDay(spec: PeriodSpec, first: LocalDate): Period {
  const next = nextFirstDay(spec, first);
  const last = addDays(next, -1);
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
    days: daysBetween(first, next),
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

/** The local day (as 'YYYY-MM-DD') a usage fact belongs to: the day of its midpoint in `tz`. */
export function attributedDay(startMs: number, endMs: number, tz: string): string {
  return dayString(localDate(Math.floor((startMs + endMs) / 2), tz));
}

/** Local days of a period, in order. */
export function periodDays(p: Period): string[] {
  const out: string[] = [];
  let d = parseDay(p.firstDay);
  for (let i = 0; i < p.days; i++) {
    out.push(dayString(d));
    d = addDays(d, 1);
  }
  return out;
}

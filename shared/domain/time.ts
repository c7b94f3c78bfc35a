/**
 * Time zones and calendar days, with Intl only (no date library): the one module every screen,
 * command, budget and importer asks what day or offset an instant has in a zone.
 *
 * Days are 'YYYY-MM-DD' strings in the ledger and the reports, `LocalDate` records where calendar
 * arithmetic is done field by field (budget periods). Calendar arithmetic is proleptic Gregorian, done
 * through UTC so no zone's DST changes can skip or repeat a day.
 */

export const DAY_MS = 86_400_000;

/**
 * The years the ledger accepts: every day the contract takes and every instant an importer reads lies
 * in them. Outside, a date is a mistake (milliseconds read as seconds, a typo, a probe), and loops over
 * days stay bounded by construction (at most about 36,900 days).
 */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2100-12-31';
export const SANE_DATES = `from ${FIRST_DAY} to ${LAST_DAY}`;
const MIN_INSTANT_MS = Date.UTC(2000, 0, 1);
const MAX_INSTANT_MS = Date.UTC(2101, 0, 1) - 1;

/** An instant (epoch ms) within the ledger's years. */
export function isSaneInstant(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS;
}

/** An instant as its UTC day for an error message ('+057637-03-02' included), or the raw number past the calendar's end. */
export function instantText(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString().slice(0, 10) : String(ms);
}

/** A real calendar day 'YYYY-MM-DD' within the ledger's years. */
export function isSaneDay(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return isSaneInstant(t) && new Date(t).toISOString().slice(0, 10) === day;
}

export interface LocalDate {
  y: number;
  /** 1-12 */
  m: number;
  d: number;
}

/** Wall-clock fields of an instant in a zone. */
export interface LocalParts extends LocalDate {
  h: number;
  min: number;
  s: number;
}

/** Date's long name of the UTC zone (V8 names the local zone with ICU's English names). */
const UTC_LONG_NAME = '(Coordinated Universal Time)';

/**
 * The zone this process runs in, as Intl names it. Asking Intl costs tens of milliseconds in a fresh
 * process (it loads ICU's locale data), a good part of a CLI command's run; a process in UTC is told
 * from Date alone (offset 0 in January and July, named "Coordinated Universal Time"), and Intl names
 * such a zone "UTC" too. Any other zone is Intl's answer.
 */
export function systemTimeZone(): string {
  const jan = new Date(Date.UTC(2025, 0, 15));
  const jul = new Date(Date.UTC(2025, 6, 15));
  const utc = jan.getTimezoneOffset() === 0 && jul.getTimezoneOffset() === 0 && jan.toString().endsWith(UTC_LONG_NAME) && jul.toString().endsWith(UTC_LONG_NAME);
  return utc ? 'UTC' : Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
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

/** Whether Intl knows this IANA zone name. */
export function isTimeZone(tz: string): boolean {
  // UTC's names need no Intl (whose first use costs tens of milliseconds in a fresh process).
  if (isUtcZone(tz)) return true;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Zulu', 'Etc/Zulu']);

/** A zone that is UTC under another name: its local days are the ledger's UTC days. */
export function isUtcZone(tz: string): boolean {
  return UTC_NAMES.has(tz);
}

/** Wall-clock fields of `instant` in `tz`. */
export function localParts(instant: number, tz: string): LocalParts {
  // UTC needs no Intl (whose first use costs tens of milliseconds: the status line's whole budget).
  if (isUtcZone(tz)) {
    const d = new Date(Math.floor(instant / 1000) * 1000);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), min: d.getUTCMinutes(), s: d.getUTCSeconds() };
  }
  const out: LocalParts = { y: 0, m: 0, d: 0, h: 0, min: 0, s: 0 };
  for (const p of formatter(tz).formatToParts(new Date(instant))) {
    if (p.type === 'year') out.y = Number(p.value);
    else if (p.type === 'month') out.m = Number(p.value);
    else if (p.type === 'day') out.d = Number(p.value);
    else if (p.type === 'hour') out.h = Number(p.value) % 24; // some engines write midnight as 24 under h23
    else if (p.type === 'minute') out.min = Number(p.value);
    else if (p.type === 'second') out.s = Number(p.value);
  }
  return out;
}

/** Offset of `tz` from UTC at `instant`, in ms (UTC+8 -> +28_800_000; Europe/Berlin in summer -> +7_200_000). */
export function zoneOffsetMs(instant: number, tz: string): number {
  if (tz === 'UTC') return 0;
  const p = localParts(instant, tz);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(instant / 1000) * 1000;
}

/**
 * A wall-clock time written in `tz` (as epoch ms of the same fields in UTC) as the instant it names. In a
 * DST gap (a wall time that does not exist) the later offset wins.
 */
export function wallClockToInstant(wall: number, tz: string): number {
  if (tz === 'UTC') return wall;
  const first = wall - zoneOffsetMs(wall, tz);
  return wall - zoneOffsetMs(first, tz);
}

export function dayString(d: LocalDate): string {
  return `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
}

export function parseDay(s: string): LocalDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new Error(`expected a day as YYYY-MM-DD, got "${s}"`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** The local calendar date of `instant` in `tz`. */
export function localDate(instant: number, tz: string): LocalDate {
  const p = localParts(instant, tz);
  return { y: p.y, m: p.m, d: p.d };
}

/** The calendar day ('YYYY-MM-DD') of an instant in a zone. */
export function localDay(instant: number, tz: string): string {
  return dayString(localDate(instant, tz));
}

let lastDayNumber = NaN;
let lastDay = '';

/** The UTC calendar day of an instant (memoized for runs of the same day: an import asks it for every fact). */
export function utcDay(ms: number): string {
  const n = Math.floor(ms / DAY_MS);
  if (n !== lastDayNumber) {
    lastDay = new Date(n * DAY_MS).toISOString().slice(0, 10);
    lastDayNumber = n;
  }
  return lastDay;
}

// ---- the day of a fact -----------------------------------------------------------------------------
// One rule, asked by reports, budgets, forecasts, tips and the rollups (the SQL form is
// ledger/facts.ts factDaySql, tested against this one):
// - a request- or hour-grain fact is an instant: it belongs to the day of its start in the view's zone;
// - a bucket fact (a daily or monthly export row) keeps the day the export names, in every zone. An
//   export that names no zone is read in the zone the vendor bills in (Zhipu's 账期 2025-09-01 starts at
//   16:00 UTC on 08-31), and still lands on its nominal day: the day whose UTC midnight is nearest to the
//   bucket's start, which is the named day for any billing zone from UTC-11:59 to UTC+12.

/** Grains whose facts are instants (placed by their start in the view's zone). */
export const INSTANT_GRAINS = ['request', 'hour'] as const;

export function isInstantGrain(granularity: string): boolean {
  return granularity === 'request' || granularity === 'hour';
}

/** The day a bucket fact's export names, from the bucket's first instant. */
export function bucketDay(start: number): string {
  return utcDay(start + DAY_MS / 2);
}

/** The ledger's day of a fact (usage_facts.day): the UTC day of an instant, the nominal day of a bucket. */
export function ledgerDay(f: { start: number; granularity: string }): string {
  return isInstantGrain(f.granularity) ? utcDay(f.start) : bucketDay(f.start);
}

/** THE day of a fact in a view's zone: its instant's local day, or the bucket's nominal day in every zone. */
export function factDay(f: { start: number; granularity: string }, tz: string): string {
  if (!isInstantGrain(f.granularity)) return bucketDay(f.start);
  return isUtcZone(tz) ? utcDay(f.start) : localDay(f.start, tz);
}

/** Midnight UTC of a day, epoch ms. */
export function dayStartUtc(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/** The day `n` days after `day` (before, when negative). */
export function addDays(day: string, n: number): string {
  return new Date(dayStartUtc(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayStartUtc(to) - dayStartUtc(from)) / DAY_MS);
}

/** `addDays` on a LocalDate. */
export function addLocalDays(d: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** `daysBetween` on LocalDates. */
export function localDaysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / DAY_MS);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekday(d: LocalDate): number {
  return new Date(Date.UTC(d.y, d.m - 1, d.d)).getUTCDay();
}

/**
 * The first instant of local day `d` in `tz`: local midnight, or, where a DST change skips midnight
 * (e.g. America/Santiago, Asia/Beirut), the first instant that exists on that day.
 */
export function startOfLocalDay(d: LocalDate, tz: string): number {
  const guess = Date.UTC(d.y, d.m - 1, d.d);
  let t = guess - zoneOffsetMs(guess, tz);
  const second = guess - zoneOffsetMs(t, tz);
  if (second !== t) t = second;
  // Land inside the right local day: step back while the previous quarter hour is still the same day,
  // forward while we are still on the day before.
  const want = dayString(d);
  const same = (x: number) => localDay(x, tz) === want;
  while (!same(t) && localDay(t, tz) < want) t += 15 * 60_000;
  while (same(t - 15 * 60_000)) t -= 15 * 60_000;
  return t;
}

// ---- months --------------------------------------------------------------------------------------

export function monthOf(day: string): string {
  return day.slice(0, 7);
}

export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The month `n` months after `month` ('YYYY-MM'). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

/** First and last day of a month, inclusive. */
export function monthDays(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(month)).padStart(2, '0')}` };
}

/** A UTC month as the half-open range of instants [start, end). */
export function utcMonthRange(month: string): { start: number; end: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { start: Date.UTC(y, m - 1, 1), end: Date.UTC(y, m, 1) };
}

/** First day of the week containing `day` (weeks start on Monday or Sunday). */
export function weekStartOf(day: string, weekStart: 'monday' | 'sunday'): string {
  const dow = new Date(dayStartUtc(day)).getUTCDay(); // 0 = Sunday
  const back = weekStart === 'sunday' ? dow : (dow + 6) % 7;
  return addDays(day, -back);
}

import { describe, expect, it } from 'vitest';
import { factDay, ledgerDay, startOfLocalDay } from '../time';
import { periodAt, periodsBetween, previousPeriod, type PeriodSpec } from './period';

const iso = (ms: number) => new Date(ms).toISOString();
const spec = (timeZone: string, kind: PeriodSpec['kind'] = 'month', extra: Partial<PeriodSpec> = {}): PeriodSpec => ({
  kind,
  timeZone,
  weekStart: 'monday',
  ...extra,
});

describe('budget periods in a time zone', () => {
  it('starts a month in Asia/Shanghai (UTC+8) at 16:00 UTC the day before', () => {
    const p = periodAt(spec('Asia/Shanghai'), Date.parse('2025-03-15T12:00:00Z'));
    expect(p.key).toBe('2025-03');
    expect(iso(p.start)).toBe('2025-02-28T16:00:00.000Z');
    expect(iso(p.end)).toBe('2025-03-31T16:00:00.000Z');
    expect(p.days).toBe(31);
  });

  it('puts 2025-03-31T17:00Z in April for UTC+8 and in March for UTC', () => {
    const t = Date.parse('2025-03-31T17:00:00Z');
    expect(periodAt(spec('Asia/Shanghai'), t).key).toBe('2025-04');
    expect(periodAt(spec('UTC'), t).key).toBe('2025-03');
  });

  it('starts a winter month in America/Los_Angeles (UTC-8) at 08:00 UTC', () => {
    const p = periodAt(spec('America/Los_Angeles'), Date.parse('2025-02-10T00:00:00Z'));
    expect(p.key).toBe('2025-02');
    expect(iso(p.start)).toBe('2025-02-01T08:00:00.000Z');
    expect(iso(p.end)).toBe('2025-03-01T08:00:00.000Z');
  });

  it('spans the March DST change in Los Angeles: starts at 08:00 UTC, ends at 07:00 UTC, one hour short', () => {
    const p = periodAt(spec('America/Los_Angeles'), Date.parse('2025-03-20T00:00:00Z'));
    expect(iso(p.start)).toBe('2025-03-01T08:00:00.000Z');
    expect(iso(p.end)).toBe('2025-04-01T07:00:00.000Z');
    expect((p.end - p.start) / 3_600_000).toBe(31 * 24 - 1);
  });

  it('finds local midnight on a day whose midnight DST skips (America/Santiago, 2024-09-08)', () => {
    // Clocks jump from 00:00 to 01:00 at 04:00 UTC: the day starts at 01:00 local = 04:00 UTC.
    expect(iso(startOfLocalDay({ y: 2024, m: 9, d: 8 }, 'America/Santiago'))).toBe('2024-09-08T04:00:00.000Z');
  });

  it('puts a day bucket on the day its export names in every zone, a request on its local day', () => {
    const utcBucket = { start: Date.parse('2025-03-01T00:00:00Z'), granularity: 'day' };
    // Zhipu's 账期 2025-09-01, read in Beijing time: it starts at 16:00 UTC on Aug 31.
    const cnBucket = { start: Date.parse('2025-08-31T16:00:00Z'), granularity: 'day' };
    // A Pacific-time daily row for Sept 1 (PDT): it starts at 07:00 UTC.
    const laBucket = { start: Date.parse('2025-09-01T07:00:00Z'), granularity: 'day' };
    // A monthly row for September read in Beijing time.
    const cnMonth = { start: Date.parse('2025-08-31T16:00:00Z'), granularity: 'month' };
    for (const tz of ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Asia/Kolkata', 'Pacific/Kiritimati']) {
      expect(factDay(utcBucket, tz)).toBe('2025-03-01');
      expect(factDay(cnBucket, tz)).toBe('2025-09-01');
      expect(factDay(laBucket, tz)).toBe('2025-09-01');
      expect(factDay(cnMonth, tz)).toBe('2025-09-01');
    }
    // A request at 23:30 UTC on Feb 28 ran on Mar 1 in Shanghai, on Feb 28 in UTC and Los Angeles.
    const request = { start: Date.parse('2025-02-28T23:30:00Z'), granularity: 'request' };
    expect(factDay(request, 'Asia/Shanghai')).toBe('2025-03-01');
    expect(factDay(request, 'UTC')).toBe('2025-02-28');
    expect(factDay(request, 'America/Los_Angeles')).toBe('2025-02-28');
    expect(ledgerDay(cnBucket)).toBe('2025-09-01');
    expect(ledgerDay(request)).toBe('2025-02-28');
  });

  it('starts weeks on Monday or Sunday as chosen', () => {
    const t = Date.parse('2025-03-05T12:00:00Z'); // a Wednesday
    expect(periodAt(spec('UTC', 'week'), t).firstDay).toBe('2025-03-03');
    expect(periodAt(spec('UTC', 'week', { weekStart: 'sunday' }), t).firstDay).toBe('2025-03-02');
    expect(periodAt(spec('UTC', 'week'), t).days).toBe(7);
  });

  it('makes quarters and a custom range, and walks back through periods', () => {
    const q = periodAt(spec('Europe/Berlin', 'quarter'), Date.parse('2025-05-05T00:00:00Z'));
    expect(q.key).toBe('2025-Q2');
    expect(iso(q.start)).toBe('2025-03-31T22:00:00.000Z');
    const c = periodAt(spec('UTC', 'custom', { from: '2025-03-10', to: '2025-03-20' }), 0);
    expect([c.firstDay, c.lastDay, c.days]).toEqual(['2025-03-10', '2025-03-20', 11]);
    const months = periodsBetween(spec('UTC'), Date.parse('2024-11-15T00:00:00Z'), Date.parse('2025-02-02T00:00:00Z'));
    expect(months.map((m) => m.key)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(previousPeriod(spec('UTC'), months[1]!)!.key).toBe('2024-11');
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { systemTimeZone } from './time';

describe('systemTimeZone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  // Node re-reads TZ when it is set, for Date and Intl alike.
  it.each(['UTC', 'Etc/UTC', 'Europe/London', 'Africa/Abidjan', 'Asia/Kolkata', 'America/New_York', 'Asia/Shanghai'])('names the zone %s as Intl does', (zone) => {
    process.env.TZ = zone;
    expect(systemTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('answers UTC for a process in UTC without asking Intl', () => {
    process.env.TZ = 'UTC';
    expect(systemTimeZone()).toBe('UTC');
    process.env.TZ = 'Europe/London';
    expect(systemTimeZone()).toBe('Europe/London');
  });
});

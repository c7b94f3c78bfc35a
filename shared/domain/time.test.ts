import { afterEach, describe, expect, it } from 'vitest';
import { isTimeZone, isUtcZone, systemTimeZone } from './time';

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

describe('isTimeZone', () => {
  it.each(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Universal', 'Zulu', 'Etc/Zulu', 'Europe/Berlin', 'Mars/Olympus', 'utc+8', ''])('answers for %j as Intl does', (zone) => {
    let intl = true;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      intl = false;
    }
    expect(isTimeZone(zone)).toBe(intl);
    if (isUtcZone(zone)) expect(intl).toBe(true);
  });
});

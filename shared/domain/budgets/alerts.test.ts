import { describe, expect, it } from 'vitest';
import { alertsToFire, checkExitCode, checkState, type AlertKey } from './alerts';

describe('the alert state machine', () => {
  it('fires each threshold once as spend climbs through 50, 80 and 100 %', () => {
    const fired: AlertKey[] = [];
    const seen: string[] = [];
    for (const share of [10, 55, 60, 85, 85, 101, 130]) {
      const now = alertsToFire({ thresholds: [50, 80, 100], sharePercent: share, forecastPercent: null, fired });
      fired.push(...now);
      seen.push(now.map((a) => `${a.kind}:${a.threshold}`).join(','));
    }
    expect(seen).toEqual(['', 'crossed:50', '', 'crossed:80', '', 'crossed:100', '']);
  });

  it('raises a projected alert before the crossing, then the crossing, and neither twice', () => {
    const fired: AlertKey[] = [];
    const step = (share: number, forecast: number | null) => {
      const now = alertsToFire({ thresholds: [50, 80, 100], sharePercent: share, forecastPercent: forecast, fired });
      fired.push(...now);
      return now.map((a) => `${a.kind}:${a.threshold}`);
    };
    expect(step(30, 120)).toEqual(['projected:100']);
    expect(step(40, 125)).toEqual([]);
    expect(step(104, 140)).toEqual(['crossed:50', 'crossed:80', 'crossed:100']);
  });

  it('does not raise projected alerts for thresholds under 100 %', () => {
    expect(alertsToFire({ thresholds: [50, 80], sharePercent: 10, forecastPercent: 95, fired: [] })).toEqual([]);
  });

  it('maps states to exit codes: 1 over, 2 only projected, 0 otherwise', () => {
    expect(checkState(100, null)).toBe('over');
    expect(checkState(40, 100)).toBe('projected');
    expect(checkState(40, 99.9)).toBe('ok');
    expect(checkExitCode(['ok', 'projected', 'over'])).toBe(1);
    expect(checkExitCode(['ok', 'projected'])).toBe(2);
    expect(checkExitCode(['ok'])).toBe(0);
    expect(checkExitCode([])).toBe(0);
  });
});

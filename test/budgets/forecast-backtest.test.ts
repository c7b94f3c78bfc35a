import { describe, expect, it } from 'vitest';
import { backtest } from '../../bench/forecast-backtest';

describe('the forecast backtest', () => {
  it('beats a straight-line run rate on months with quiet weekends, and its 90 % range covers the truth about 90 % of the time', () => {
    for (const row of backtest(0.25, 200, 7)) {
      expect(row.mape).toBeLessThan(row.naiveMape);
      expect(row.coverage).toBeGreaterThan(0.8);
      expect(row.coverage).toBeLessThan(0.98);
    }
  });
});

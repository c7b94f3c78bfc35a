import { describe, expect, it } from 'vitest';
import { kpiPoint, kpiSeries, type KpiMeasures } from './kpi';

const m = (period: string, over: Partial<KpiMeasures> = {}): KpiMeasures => ({
  period,
  group: 'p1',
  spend: new Map([['USD', 3_000_000_000n], ['CNY', 7_000_000_000n]]),
  usageByCurrency: new Map([['USD', { tokens: 2_000_000, requests: 400 }], ['CNY', { tokens: 1_000_000, requests: 100 }]]),
  input: 1_500_000,
  cacheRead: 500_000,
  cacheWrite: 0,
  output: 1_000_000,
  reasoning: 250_000,
  requests: 500,
  ...over,
});

describe('token-efficiency KPIs', () => {
  it('divides each currency’s spend by the usage priced in that currency, exactly', () => {
    const p = kpiPoint(m('2025-09'));
    // USD: 3 / 400 requests = 0.0075; 3 / 2M tokens x 1M = 1.5. CNY: 7 / 100 = 0.07; 7 / 1M x 1M = 7
    expect(p.costPerRequest).toEqual({ CNY: '0.070000', USD: '0.007500' });
    expect(p.costPerMillionTokens).toEqual({ CNY: '7.000000', USD: '1.500000' });
    expect(p.cacheReadShare).toBe(0.25);
    expect(p.reasoningShare).toBe(0.25);
    expect(p.tokensPerRequest).toBe(6000);
  });

  it('gives the trend against the month before, and empty points for a month without usage', () => {
    const [s] = kpiSeries([m('2025-08'), m('2025-09', { cacheRead: 1_500_000, input: 500_000 })], ['2025-07', '2025-08', '2025-09']);
    expect(s!.points[0]!.requests).toBe(0);
    expect(s!.points[0]!.cacheReadShare).toBeNull();
    // cache share 0.25 -> 0.75: +200%
    expect(s!.trend.cacheReadShare).toBeCloseTo(2, 10);
    expect(s!.trend.costPerMillionTokens).toEqual({ CNY: 0, USD: 0 });
  });
});

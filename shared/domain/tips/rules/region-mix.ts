/**
 * Rule 9, region mix: spend moved between US, China and EU vendors against the previous period, split into
 * volume, mix and price effects per currency (informational, no saving):
 *   S1 - S0 = (V1 - V0) x S0/V0                      volume: more or fewer tokens at last period's mix and prices
 *           + V1 x sum_r (m1_r - m0_r) x p0_r           mix: tokens moved between regions
 *           + rest = V1 x sum_r m1_r x (p1_r - p0_r)    price: cost per token changed within regions
 * with V tokens, m_r a region's token share, p_r its spend per token.
 */
import { formatAmount } from '../../money';
import { divRound } from '../../decimal';
import type { Candidate, RegionTotals, TipRule } from '../types';
import { fmtInt, pct } from './util';
import { said } from '../../../i18n/said';
import { english } from '../../../i18n/english';

export const REGION_MIN_SHIFT = 0.05;
export const REGION_MIN_PREVIOUS_DAYS = 7;

export const regionMixRule: TipRule = {
  id: 'region-mix',
  title: 'Region mix',
  detect(input) {
    const out: Candidate[] = [];
    if (input.previousDays < REGION_MIN_PREVIOUS_DAYS) return out;
    const currencies = new Set([...input.regions, ...input.previousRegions].map((r) => r.currency));
    for (const cur of currencies) {
      const now = input.regions.filter((r) => r.currency === cur && r.tokens > 0);
      const then = input.previousRegions.filter((r) => r.currency === cur && r.tokens > 0);
      const V1 = now.reduce((s, r) => s + r.tokens, 0);
      const V0 = then.reduce((s, r) => s + r.tokens, 0);
      if (V1 === 0 || V0 === 0) continue;
      const S1 = now.reduce((s, r) => s + r.spendNano, 0n);
      const S0 = then.reduce((s, r) => s + r.spendNano, 0n);
      const regions = [...new Set([...now, ...then].map((r) => r.region))].sort();
      const get = (list: RegionTotals[], reg: string) => list.find((r) => r.region === reg) ?? { tokens: 0, spendNano: 0n };
      const shift = Math.max(...regions.map((r) => Math.abs(get(now, r).tokens / V1 - get(then, r).tokens / V0)));
      if (shift < REGION_MIN_SHIFT) continue;
      const volume = divRound(BigInt(V1 - V0) * S0, BigInt(V0));
      // mix = V1 x sum (m1 - m0) p0 = sum over regions of (t1_r - V1 t0_r / V0) x s0_r / t0_r
      let mix = 0n;
      for (const r of regions) {
        const t0 = get(then, r).tokens;
        if (t0 === 0) continue;
        const t1 = get(now, r).tokens;
        const s0 = get(then, r).spendNano;
        mix += divRound((BigInt(t1) * BigInt(V0) - BigInt(V1) * BigInt(t0)) * s0, BigInt(V0) * BigInt(t0));
      }
      const price = S1 - S0 - volume - mix;
      const impact = new Map([[cur, S1 - S0]]);
      out.push({
        id: `region-mix:${cur}`,
        rule: 'region-mix',
        title: said('engine.tips.region.title', { currency: cur }),
        summary: said('engine.tips.region.summary', {
          previous: { month: input.previous.id },
          period: { month: input.period.id },
          currency: cur,
          volume: { amount: formatAmount(volume), currency: cur },
          mix: { amount: formatAmount(mix), currency: cur },
          price: { amount: formatAmount(price), currency: cur },
          total: { amount: formatAmount(S1 - S0), currency: cur },
        }),
        cellKeys: [],
        aggregates: regions.map((r) => ({
          key: `region:${r}|${cur}`,
          label: english(said('engine.tips.agg.region', { region: r, currency: cur })),
          said: said('engine.tips.agg.region', { region: r, currency: cur }),
          values: {
            [`${input.previous.id} tokens`]: fmtInt(get(then, r).tokens),
            [`${input.period.id} tokens`]: fmtInt(get(now, r).tokens),
            [`${input.previous.id} share`]: pct(get(then, r).tokens, V0),
            [`${input.period.id} share`]: pct(get(now, r).tokens, V1),
            [`${input.previous.id} spend`]: formatAmount(get(then, r).spendNano),
            [`${input.period.id} spend`]: formatAmount(get(now, r).spendNano),
          },
        })),
        arithmetic: [
          said('engine.tips.region.formulaVolume', { v1: fmtInt(V1), v0: fmtInt(V0), s0: formatAmount(S0), volume: formatAmount(volume) }),
          said('engine.tips.region.formulaMix', { mix: formatAmount(mix) }),
          said('engine.tips.region.formulaPrice', { delta: formatAmount(S1 - S0), volume: formatAmount(volume), mix: formatAmount(mix), price: formatAmount(price) }),
        ],
        assumptions: [said('engine.tips.region.assumeSpend'), said('engine.tips.region.assumeDays', { days: REGION_MIN_PREVIOUS_DAYS })],
        impact,
      });
    }
    return out;
  },
};

/**
 * Token-efficiency KPIs: per period and group (project, key or member), from summed measures.
 * Money stays exact: cost per request and per 1M tokens are decimal strings per currency; shares and
 * tokens per request are plain ratios (not money).
 */
import { divRound } from './decimal';
import { formatAmount } from './money';

export interface KpiMeasures {
  period: string;
  group: string | null;
  /** Spend per currency, nano. */
  spend: Map<string, bigint>;
  /**
   * Tokens and requests of the rows priced in each currency: cost per request / per 1M tokens divide a
   * currency's spend by ITS usage only (a CNY DeepSeek request never dilutes a USD cost per request).
   */
  usageByCurrency: Map<string, { tokens: number; requests: number }>;
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
  requests: number;
}

export interface KpiPoint {
  period: string;
  /** Per currency; absent when there are no requests. */
  costPerRequest: Record<string, string>;
  costPerMillionTokens: Record<string, string>;
  /** cache_read / (input + cache_read + cache writes); null without prompt tokens. */
  cacheReadShare: number | null;
  /** reasoning / output; null without output. */
  reasoningShare: number | null;
  tokensPerRequest: number | null;
  tokens: number;
  requests: number;
  spend: Record<string, string>;
}

export interface KpiSeries {
  group: string | null;
  points: KpiPoint[];
  /** Latest point vs the one before, as relative change (0.12 = +12%); null when either is missing. */
  trend: { costPerMillionTokens: Record<string, number | null>; cacheReadShare: number | null; reasoningShare: number | null; tokensPerRequest: number | null };
}

export function kpiPoint(m: KpiMeasures): KpiPoint {
  const prompt = m.input + m.cacheRead + m.cacheWrite;
  const tokens = prompt + m.output;
  const perReq: Record<string, string> = {};
  const perM: Record<string, string> = {};
  const spend: Record<string, string> = {};
  for (const [c, n] of [...m.spend].sort(([a], [b]) => a.localeCompare(b))) {
    spend[c] = formatAmount(n);
    const u = m.usageByCurrency.get(c);
    if (u && u.requests > 0) perReq[c] = formatAmount(divRound(n, BigInt(u.requests)));
    if (u && u.tokens > 0) perM[c] = formatAmount(divRound(n * 1_000_000n, BigInt(u.tokens)));
  }
  return {
    period: m.period,
    costPerRequest: perReq,
    costPerMillionTokens: perM,
    cacheReadShare: prompt > 0 ? m.cacheRead / prompt : null,
    reasoningShare: m.output > 0 ? m.reasoning / m.output : null,
    tokensPerRequest: m.requests > 0 ? tokens / m.requests : null,
    tokens,
    requests: m.requests,
    spend,
  };
}

const rel = (now: number | null | undefined, then: number | null | undefined): number | null =>
  now === null || now === undefined || then === null || then === undefined || then === 0 ? null : now / then - 1;

/** Series per group over `periods` (oldest first); a group missing in a period gets an empty point. */
export function kpiSeries(measures: readonly KpiMeasures[], periods: readonly string[]): KpiSeries[] {
  const groups = [...new Set(measures.map((m) => m.group))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  return groups.map((group) => {
    const points = periods.map((period) =>
      kpiPoint(
        measures.find((m) => m.group === group && m.period === period) ?? {
          period, group, spend: new Map(), usageByCurrency: new Map(), input: 0, cacheRead: 0, cacheWrite: 0, output: 0, reasoning: 0, requests: 0,
        },
      ),
    );
    const [prev, last] = [points[points.length - 2], points[points.length - 1]];
    const cpm: Record<string, number | null> = {};
    for (const c of Object.keys(last?.costPerMillionTokens ?? {}))
      cpm[c] = rel(Number(last!.costPerMillionTokens[c]), prev?.costPerMillionTokens[c] !== undefined ? Number(prev.costPerMillionTokens[c]) : null);
    return {
      group,
      points,
      trend: {
        costPerMillionTokens: cpm,
        cacheReadShare: rel(last?.cacheReadShare, prev?.cacheReadShare),
        reasoningShare: rel(last?.reasoningShare, prev?.reasoningShare),
        tokensPerRequest: rel(last?.tokensPerRequest, prev?.tokensPerRequest),
      },
    };
  });
}

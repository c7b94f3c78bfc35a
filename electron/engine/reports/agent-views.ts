/**
 * Views agent users know from ccusage: usage by session, five-hour blocks, and Claude Code's status line.
 * Every instant comes from the engine's clock (ctx.now), never the wall clock.
 */
import type { AgentBlock, AgentSession, AgentStatusLine } from '../../../shared/contract/api/agents';
import type { MethodParsedInput } from '../../../shared/contract/methods';
import { blockBurn, usageBlocks, type UsageBlock } from '../../../shared/domain/reports/blocks';
import { amounts } from '../../../shared/domain/reports/fold';
import type { EngineContext } from '../context';
import { blockCalls, sessionRows } from './agent-views-store';
import { recentCalls, statusLine } from './status-line';

const iso = (ms: number) => new Date(ms).toISOString();

export function agentSessions(ctx: EngineContext, input: MethodParsedInput<'agents.sessions'>): AgentSession[] {
  const by = new Map<string, AgentSession & { spendM: Map<string, bigint>; notionalM: Map<string, bigint>; last: number }>();
  for (const r of sessionRows(ctx.db, input)) {
    const k = `${r.tool}\u0000${r.session}`;
    let s = by.get(k);
    if (!s) {
      s = { session: r.session, tool: r.tool, project: r.project, models: [], firstAt: '', lastAt: '', tokens: { input: 0, cache_read: 0, cache_write_5m: 0, cache_write_1h: 0, output: 0, reasoning: 0 }, requests: 0, spend: {}, notional: {}, unpricedTokens: 0, spendM: new Map(), notionalM: new Map(), last: -Infinity };
      s.firstAt = iso(Number(r.first_ms));
      by.set(k, s);
    }
    if (iso(Number(r.first_ms)) < s.firstAt) s.firstAt = iso(Number(r.first_ms));
    s.last = Math.max(s.last, Number(r.last_ms));
    s.project ??= r.project;
    for (const m of (r.models ?? '').split(',').filter(Boolean)) if (!s.models.includes(m)) s.models.push(m);
    for (const c of ['input', 'cache_read', 'cache_write_5m', 'cache_write_1h', 'output', 'reasoning'] as const) s.tokens[c] += Number(r[c]);
    s.requests += Number(r.requests);
    s.unpricedTokens += Number(r.unpriced_tokens);
    if (r.currency !== '' && r.spend_nano !== null) s.spendM.set(r.currency, (s.spendM.get(r.currency) ?? 0n) + r.spend_nano);
    if (r.currency !== '' && r.notional_nano !== null) s.notionalM.set(r.currency, (s.notionalM.get(r.currency) ?? 0n) + r.notional_nano);
  }
  return [...by.values()]
    .sort((a, b) => b.last - a.last || a.session.localeCompare(b.session))
    .slice(0, input.limit)
    .map(({ spendM, notionalM, last, ...s }) => ({ ...s, models: s.models.sort(), lastAt: iso(last), spend: amounts(spendM), notional: amounts(notionalM) }));
}

function blockView(b: UsageBlock, now: number): AgentBlock {
  const burn = blockBurn(b, now);
  return {
    start: iso(b.start),
    end: iso(b.end),
    firstAt: iso(b.firstAt),
    lastAt: iso(b.lastAt),
    active: b.active,
    calls: b.calls,
    tokens: b.tokens,
    spend: amounts(b.spend),
    notional: amounts(b.notional),
    burn: burn && {
      tokensPerMinute: Math.round(burn.tokensPerMinute),
      spendPerHour: amounts(burn.spendPerHour),
      projectedTokens: burn.projectedTokens,
      projectedSpend: amounts(burn.projectedSpend),
      remainingMinutes: Math.floor(burn.remainingMs / 60_000),
    },
  };
}

export function agentBlocks(ctx: EngineContext, input: MethodParsedInput<'agents.blocks'>): AgentBlock[] {
  const now = ctx.now();
  const blocks = usageBlocks(input.active ? recentCalls(ctx.db, input, now) : blockCalls(ctx.db, input), now);
  return blocks.filter((b) => !input.active || b.active).map((b) => blockView(b, now));
}

export function agentStatusLine(ctx: EngineContext, input: MethodParsedInput<'agents.statusline'>): AgentStatusLine {
  return statusLine(ctx.db, ctx.now(), input);
}

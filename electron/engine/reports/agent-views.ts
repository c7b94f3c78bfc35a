/**
 * Views agent users know from ccusage: usage by session, five-hour blocks, and Claude Code's status line.
 * Every instant comes from the engine's clock (ctx.now), never the wall clock.
 */
import type { AgentBlock, AgentSession, AgentStatusLine, StatusFigure } from '../../../shared/contract/api/agents';
import type { MethodParsedInput } from '../../../shared/contract/methods';
import { blockBurn, usageBlocks, BLOCK_MS, type BlockCall, type UsageBlock } from '../../../shared/domain/reports/blocks';
import { formatNano, parseDecimalToNano } from '../../../shared/domain/money';
import { amounts } from '../../../shared/domain/reports/fold';
import { addLocalDays, DAY_MS, localDay, parseDay, startOfLocalDay, utcDay } from '../../../shared/domain/time';
import { readSettings } from '../app/store';
import type { EngineContext } from '../context';
import { blockCalls, callShortlyBefore, dayMoney, sessionMoney, sessionRows, type MoneyRow, type RangeFilter } from './agent-views-store';

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

/**
 * The calls that decide the block in progress: from a call with no call in the five hours before it (a
 * block starts there whatever came earlier), so the blocks come out exactly as over the whole history.
 * The window grows from ten hours while usage runs on without such a gap.
 */
function recentCalls(ctx: EngineContext, r: RangeFilter, now: number): BlockCall[] {
  for (let span = 2 * BLOCK_MS; ; span *= 4) {
    const calls = blockCalls(ctx.db, r, now - span);
    if (calls.length === 0 || span > 3650 * DAY_MS) return calls;
    if (callShortlyBefore(ctx.db, r, calls[0]!.at, BLOCK_MS) === null) return calls;
  }
}

export function agentBlocks(ctx: EngineContext, input: MethodParsedInput<'agents.blocks'>): AgentBlock[] {
  const now = ctx.now();
  const blocks = usageBlocks(input.active ? recentCalls(ctx, input, now) : blockCalls(ctx.db, input), now);
  return blocks.filter((b) => !input.active || b.active).map((b) => blockView(b, now));
}

function figure(rows: readonly MoneyRow[]): StatusFigure {
  const spend = new Map<string, bigint>();
  const notional = new Map<string, bigint>();
  let unpricedCalls = 0;
  for (const r of rows) {
    unpricedCalls += Number(r.unpriced);
    if (r.currency === '') continue;
    if (r.spend !== null) spend.set(r.currency, r.spend);
    if (r.notional !== null) notional.set(r.currency, r.notional);
  }
  return { spend: amounts(spend), notional: amounts(notional), unpricedCalls };
}

/** "$1.23", "4.50 EUR", or several joined by " + " (cents, rounded half up). */
export function shortMoney(a: Record<string, string>): string {
  const parts = Object.entries(a).map(([cur, v]) => {
    const cents = formatNano(parseDecimalToNano(v), 2);
    return cur === 'USD' ? `$${cents}` : `${cents} ${cur}`;
  });
  return parts.length ? parts.join(' + ') : '$0.00';
}

const withPlan = (f: StatusFigure) =>
  `${shortMoney(f.spend)}${Object.keys(f.notional).length ? ` (+${shortMoney(f.notional)} in plan)` : ''}${f.unpricedCalls ? ` +${f.unpricedCalls} unpriced` : ''}`;

export function agentStatusLine(ctx: EngineContext, input: MethodParsedInput<'agents.statusline'>): AgentStatusLine {
  const now = ctx.now();
  const tz = readSettings(ctx.db).timeZone;
  const day = localDay(now, tz);
  const dayStart = startOfLocalDay(parseDay(day), tz);
  const dayEnd = startOfLocalDay(addLocalDays(parseDay(day), 1), tz);
  const today = figure(dayMoney(ctx.db, day, dayStart, dayEnd));
  const active = usageBlocks(recentCalls(ctx, {}, now), now).find((b) => b.active) ?? null;
  const block = active && { spend: amounts(active.spend), notional: amounts(active.notional), unpricedCalls: active.unpricedCalls, end: iso(active.end), remainingMinutes: Math.floor(Math.max(0, active.end - now) / 60_000) };
  // A status line asks about the session being worked in: its facts of the last week (the day index bounds the scan).
  const session = input.sessionId
    ? figure(sessionMoney(ctx.db, input.sessionId, utcDay(now - 7 * DAY_MS)))
    : null;
  const parts = [`today ${withPlan(today)}`];
  parts.push(block ? `block ${withPlan(block)}, ${Math.floor(block.remainingMinutes / 60)}h ${block.remainingMinutes % 60}m left` : 'no active block');
  if (session) parts.push(`session ${withPlan(session)}`);
  if (input.model) parts.unshift(input.model);
  return { line: parts.join(' | '), today: { ...today, day }, block, session: session && { ...session, session: input.sessionId! } };
}

/**
 * Claude Code's status line: today's cost (the report's figure for the local day in the settings' zone
 * and display currency), the active five-hour block's (as `blocks --active` gives it) and the session's.
 * The engine's `agents.statusline` answers with this, and so does the status line's own quick entry
 * (engine/statusline.ts), which loads only this module and what it imports: keep it free of zod and of
 * the rest of the engine.
 */
import type { AgentStatusLine, StatusFigure } from '../../../shared/contract/api/agents';
import { formatAmount, formatNano, parseDecimalToNano } from '../../../shared/domain/money';
import { BLOCK_MS, usageBlocks, type BlockCall } from '../../../shared/domain/reports/blocks';
import { Converter } from '../../../shared/domain/reports/display';
import { amounts, sumAll } from '../../../shared/domain/reports/fold';
import { DAY_MS, localDay, utcDay } from '../../../shared/domain/time';
import { readSettings } from '../app/store';
import type { ReadableDb } from '../ledger/db';
import { loadFxTable } from '../pricing/fx-table-store';
import { blockCalls, callShortlyBefore, sessionMoney, type MoneyRow, type RangeFilter } from './agent-views-store';
import { aggregate } from './query-store';

/**
 * The calls that decide the block in progress: from a call with no call in the five hours before it (a
 * block starts there whatever came earlier), so the blocks come out exactly as over the whole history.
 * The window grows from ten hours while usage runs on without such a gap.
 */
export function recentCalls(db: ReadableDb, r: RangeFilter, now: number): BlockCall[] {
  for (let span = 2 * BLOCK_MS; ; span *= 4) {
    const calls = blockCalls(db, r, now - span);
    if (calls.length === 0 || span > 3650 * DAY_MS) return calls;
    if (callShortlyBefore(db, r, calls[0]!.at, BLOCK_MS) === null) return calls;
  }
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

/**
 * Today's figure as `report` shows the day: every fact of the local day (the one rule of a fact's day),
 * spend by the spend rule, usage a plan includes apart, each amount converted at its own day's rate to the
 * display currency; native amounts when a currency has no rate. The FX table loads only if needed.
 */
export function todayFigure(db: ReadableDb, now: number): StatusFigure & { day: string } {
  const s = readSettings(db);
  const day = localDay(now, s.timeZone);
  const rows = aggregate(db, { from: day, to: day, timeZone: s.timeZone, groupBy: [], byDay: true, convertTo: s.displayCurrency });
  const t = sumAll(rows, new Converter(s.displayCurrency, day, () => loadFxTable(db)));
  const shown = (native: Map<string, bigint>, converted: bigint) => (t.unconvertible ? amounts(native) : { [s.displayCurrency]: formatAmount(converted) });
  return { day, spend: shown(t.spend, t.converted), notional: t.notional.size ? shown(t.notional, t.notionalConverted) : {}, unpricedCalls: t.unpricedFacts };
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

const iso = (ms: number) => new Date(ms).toISOString();

/** The status line at `now` for Claude Code's session and model (both optional). */
export function statusLine(db: ReadableDb, now: number, input: { sessionId?: string | undefined; model?: string | undefined }): AgentStatusLine {
  const today = todayFigure(db, now);
  const active = usageBlocks(recentCalls(db, {}, now), now).find((b) => b.active) ?? null;
  const block = active && { spend: amounts(active.spend), notional: amounts(active.notional), unpricedCalls: active.unpricedCalls, end: iso(active.end), remainingMinutes: Math.floor(Math.max(0, active.end - now) / 60_000) };
  // A status line asks about the session being worked in: its facts of the last week (the day index bounds the scan).
  const session = input.sessionId ? figure(sessionMoney(db, input.sessionId, utcDay(now - 7 * DAY_MS))) : null;
  const parts = [`today ${withPlan(today)}`];
  parts.push(block ? `block ${withPlan(block)}, ${Math.floor(block.remainingMinutes / 60)}h ${block.remainingMinutes % 60}m left` : 'no active block');
  if (session) parts.push(`session ${withPlan(session)}`);
  if (input.model) parts.unshift(input.model);
  return { line: parts.join(' | '), today, block, session: session && { ...session, session: input.sessionId! } };
}

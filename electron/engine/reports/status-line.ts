/**
 * Claude Code's status line: today's cost (the report's figure for the local day in the settings' zone
 * and display currency), the active five-hour block's (as `blocks --active` gives it) and the session's.
 * The engine's `agents.statusline` answers with this, and so does the status line's own quick entry
 * (engine/statusline.ts), which loads only this module and what it imports: keep it free of zod and of
 * the rest of the engine.
 */
import type { AgentStatusLine, StatusFigure } from '../../../shared/contract/api/agents';
import { formatAmount } from '../../../shared/domain/money';
import { BLOCK_MS, usageBlocks, type BlockCall } from '../../../shared/domain/reports/blocks';
import { Converter } from '../../../shared/domain/reports/display';
import { amounts, sumAll } from '../../../shared/domain/reports/fold';
import { addLocalDays, DAY_MS, localDay, parseDay, startOfLocalDay, utcDay } from '../../../shared/domain/time';
import { readSettings, timeZoneIsSet } from '../app/store';
import type { ReadableDb } from '../ledger/db';
import { loadFxTable } from '../pricing/fx-table-store';
import { blockCalls, callShortlyBefore, sessionMoney, type MoneyRow, type RangeFilter } from './agent-views-store';
import { aggregate } from './query-store';
import { minutesLeft, statusLineText, type StatusParts } from './status-line-text';


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
export function todayFigure(db: ReadableDb, now: number): StatusFigure & { day: string; zone: string; zoneSet: boolean } {
  const s = readSettings(db);
  const zoneSet = timeZoneIsSet(db);
  const day = localDay(now, s.timeZone);
  const rows = aggregate(db, { from: day, to: day, timeZone: s.timeZone, groupBy: [], byDay: true, convertTo: s.displayCurrency });
  const t = sumAll(rows, new Converter(s.displayCurrency, day, () => loadFxTable(db)));
  const shown = (native: Map<string, bigint>, converted: bigint) => (t.unconvertible ? amounts(native) : { [s.displayCurrency]: formatAmount(converted) });
  return { day, zone: s.timeZone, zoneSet, spend: shown(t.spend, t.converted), notional: t.notional.size ? shown(t.notional, t.notionalConverted) : {}, unpricedCalls: t.unpricedFacts };
}

/**
 * What the figures at `now` stay true for, with the ledger unchanged (the quick entry's cache checks it): the
 * local day's bounds, until when the block answer holds (the active block's end, else the next block's
 * start; null: no later block), the first day of the session's week, and the system zone when the settings
 * set none (the day then follows the system's zone).
 */
export interface StatusValidity {
  from: number;
  dayStart: number;
  dayEnd: number;
  blockUntil: number | null;
  sessionSince: string | null;
  systemZone: string | null;
}

/** The status line's figures at `now` for Claude Code's session (optional), and how long they hold. */
export function statusParts(db: ReadableDb, now: number, sessionId: string | undefined): { parts: StatusParts; today: StatusFigure & { day: string }; valid: StatusValidity } {
  const today = todayFigure(db, now);
  const blocks = usageBlocks(recentCalls(db, {}, now), now);
  const active = blocks.find((b) => b.active) ?? null;
  const block = active && { spend: amounts(active.spend), notional: amounts(active.notional), unpricedCalls: active.unpricedCalls, end: active.end };
  // A status line asks about the session being worked in: its facts of the last week (the day index bounds the scan).
  const sessionSince = sessionId ? utcDay(now - 7 * DAY_MS) : null;
  const session = sessionId ? figure(sessionMoney(db, sessionId, sessionSince!)) : null;
  const day = parseDay(today.day);
  const valid: StatusValidity = {
    from: now,
    dayStart: startOfLocalDay(day, today.zone),
    dayEnd: startOfLocalDay(addLocalDays(day, 1), today.zone),
    blockUntil: active ? active.end : (blocks.find((b) => b.start > now)?.start ?? null),
    sessionSince,
    systemZone: today.zoneSet ? null : today.zone,
  };
  return { parts: { today: { spend: today.spend, notional: today.notional, unpricedCalls: today.unpricedCalls }, block, session }, today: { day: today.day, spend: today.spend, notional: today.notional, unpricedCalls: today.unpricedCalls }, valid };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The status line at `now` for Claude Code's session and model (both optional). */
export function statusLine(db: ReadableDb, now: number, input: { sessionId?: string | undefined; model?: string | undefined }): AgentStatusLine {
  const { parts, today } = statusParts(db, now, input.sessionId);
  const block = parts.block && { spend: parts.block.spend, notional: parts.block.notional, unpricedCalls: parts.block.unpricedCalls, end: iso(parts.block.end), remainingMinutes: minutesLeft(parts.block.end, now) };
  return { line: statusLineText(parts, now, input.model), today, block, session: parts.session && { ...parts.session, session: input.sessionId! } };
}

/**
 * The status line's words from its figures, at an instant: shared by the line the engine computes
 * (status-line.ts) and the line the quick entry prints from its cache (statusline-cache.ts), so the two
 * cannot differ. Imports only money formatting: the cached path loads no more than this.
 */
import type { StatusFigure } from '../../../shared/contract/api/agents';
import { formatNano, parseDecimalToNano } from '../../../shared/domain/money';

/** The figures a status line shows; the block's end is an instant (ms), its minutes left depend on `now`. */
export interface StatusParts {
  today: StatusFigure;
  block: (StatusFigure & { end: number }) | null;
  session: StatusFigure | null;
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

/** Whole minutes from `now` to the block's end (0 once past it). */
export const minutesLeft = (end: number, now: number) => Math.floor(Math.max(0, end - now) / 60_000);

/** The one line Claude Code shows, at `now`, for its model (display name) when it names one. */
export function statusLineText(p: StatusParts, now: number, model: string | undefined): string {
  const parts = [`today ${withPlan(p.today)}`];
  if (p.block) {
    const left = minutesLeft(p.block.end, now);
    parts.push(`block ${withPlan(p.block)}, ${Math.floor(left / 60)}h ${left % 60}m left`);
  } else parts.push('no active block');
  if (p.session) parts.push(`session ${withPlan(p.session)}`);
  if (model) parts.unshift(model);
  return parts.join(' | ');
}

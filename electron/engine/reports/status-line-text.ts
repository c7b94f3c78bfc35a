/**
 * The status line's words from its figures, at an instant: shared by the line the engine computes
 * (status-line.ts) and the line the quick entry prints from its cache (statusline-cache.ts), so the two
 * cannot differ. Imports only money formatting and the status line's own small catalogs (plain templates,
 * no FormatJS): the cached path loads no more than this.
 */
import type { StatusFigure } from '../../../shared/contract/api/agents';
import { formatNano, parseDecimalToNano } from '../../../shared/domain/money';
import { fill, statusWords, type StatusWords } from '../../../shared/i18n/statusline';

/** The figures a status line shows; the block's end is an instant (ms), its minutes left depend on `now`. */
export interface StatusParts {
  today: StatusFigure;
  block: (StatusFigure & { end: number }) | null;
  session: StatusFigure | null;
}

/** "$1.23", "4.50 EUR", or several joined by " + " (cents, rounded half up); a currency at zero is left out unless all are. */
export function shortMoney(a: Record<string, string>): string {
  const all = Object.entries(a);
  const nonZero = all.filter(([, v]) => Number(v) !== 0);
  const parts = (nonZero.length ? nonZero : all.slice(0, 1)).map(([cur, v]) => {
    const cents = formatNano(parseDecimalToNano(v), 2);
    return cur === 'USD' ? `$${cents}` : `${cents} ${cur}`;
  });
  return parts.length ? parts.join(' + ') : '$0.00';
}

const ENGLISH = statusWords('en');

const withPlan = (f: StatusFigure, w: StatusWords) =>
  `${shortMoney(f.spend)}${Object.keys(f.notional).length ? fill(w['statusline.inPlan'], { money: shortMoney(f.notional) }) : ''}${f.unpricedCalls ? fill(w['statusline.unpriced'], { count: f.unpricedCalls }) : ''}`;

/** Whole minutes from `now` to the block's end (0 once past it). */
export const minutesLeft = (end: number, now: number) => Math.floor(Math.max(0, end - now) / 60_000);

/** The figures of a line with the active block's minutes left already counted (what `agents.statusline` answers). */
export interface StatusFigures {
  today: StatusFigure;
  block: (StatusFigure & { remainingMinutes: number }) | null;
  session: StatusFigure | null;
}

/** The one line Claude Code shows, for its model (display name) when it names one, in `words`' language. */
export function statusLineOf(f: StatusFigures, model: string | undefined, words: StatusWords = ENGLISH): string {
  const parts = [fill(words['statusline.today'], { money: withPlan(f.today, words) })];
  if (f.block) {
    const left = f.block.remainingMinutes;
    parts.push(fill(words['statusline.block'], { money: withPlan(f.block, words), hours: Math.floor(left / 60), minutes: left % 60 }));
  } else parts.push(words['statusline.noBlock']);
  if (f.session) parts.push(fill(words['statusline.session'], { money: withPlan(f.session, words) }));
  if (model) parts.unshift(model);
  return parts.join(' | ');
}

/** The one line Claude Code shows, at `now`, for its model (display name) when it names one (English unless `words` say otherwise). */
export function statusLineText(p: StatusParts, now: number, model: string | undefined, words: StatusWords = ENGLISH): string {
  return statusLineOf({ ...p, block: p.block && { ...p.block, remainingMinutes: minutesLeft(p.block.end, now) } }, model, words);
}

/**
 * The demo's story, as numbers: a team of six over the three full months before the clock's month and
 * the current month up to yesterday. Everything follows from the engine's clock and a fixed seed, so the
 * same instant always yields the same files.
 *
 * - Support bot (project "support", keys support-prod / support-cn / support-router): answers with short
 *   replies on gpt-4o (right-sizing, caching), then moves to DeepSeek within three weeks of the month
 *   before this one (direct in CNY and through OpenRouter in USD): the China share of spend swings.
 * - DeepSeek raises its CNY list in the middle of that month, at the start of a day (price change), and
 *   keeps a discount window (off-peak); its bill is daily (no hour), so the whole bill is at the full rate.
 *   OpenRouter bills DeepSeek's USD list, as the book has it on each request's date.
 * - Checkout web (Amara, Bo): gpt-4.1 through OpenAI whose prompts grow this month (prompt bloat),
 *   Claude Code in the repository (cache-heavy), Codex on gpt-5 with a large reasoning share.
 * - Data pipeline (Dana, Eli): gpt-4.1 with long uncached prompts (caching), a Claude Code agent that runs
 *   at night (batch), Claude Sonnet 4.5 on Bedrock through a US geo profile (deployment).
 * - Fei and Chen try GLM and DeepSeek through OpenRouter.
 */

export const DAY_MS = 86_400_000;

export { seeded } from '../../../../shared/domain/random';

export function monthStartUtc(t: number, offset = 0): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}

export const isoDay = (t: number): string => new Date(t).toISOString().slice(0, 10);

export interface StoryCalendar {
  /** First day of the demo (00:00 UTC of the first of three full months back). */
  start: number;
  /** 00:00 UTC of the current month. */
  currentMonth: number;
  /** 00:00 UTC of today: the demo's data ends before it. */
  today: number;
  /** Every demo day (00:00 UTC), oldest first. */
  days: number[];
  /** The support bot starts moving to DeepSeek (8 days into last month) and has moved 21 days later. */
  moveStart: number;
  moveEnd: number;
  /**
   * DeepSeek's price rise: 00:00 UTC on the 15th of last month. Its export bills whole UTC days
   * (utc_date), and a day's row is priced at the list in force when the day begins: a rise inside a day
   * could not be billed as the book estimates it.
   */
  priceRise: number;
}

export function storyCalendar(now: number): StoryCalendar {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const start = monthStartUtc(now, -3);
  const lastMonth = monthStartUtc(now, -1);
  const days: number[] = [];
  for (let d = start; d < today; d += DAY_MS) days.push(d);
  return {
    start,
    currentMonth: monthStartUtc(now),
    today,
    days,
    moveStart: lastMonth + 7 * DAY_MS,
    moveEnd: lastMonth + 28 * DAY_MS,
    priceRise: lastMonth + 14 * DAY_MS,
  };
}

/** Share of the support bot's traffic on DeepSeek that day: 10 % before the move, 85 % after. */
export function chinaShare(cal: StoryCalendar, day: number): number {
  const r = Math.min(1, Math.max(0, (day - cal.moveStart) / (cal.moveEnd - cal.moveStart)));
  return 0.1 + 0.75 * r;
}

/** Weekends are quiet for people; the bot and the pipeline work every day. */
export function weekdayFactor(day: number): number {
  const wd = new Date(day).getUTCDay();
  return wd === 0 || wd === 6 ? 0.3 : 1;
}

export const PEOPLE = [
  { id: 'user_amara', name: 'Amara Okafor' },
  { id: 'user_bo', name: 'Bo Lindqvist' },
  { id: 'user_chen', name: 'Chen Wei' },
  { id: 'user_dana', name: 'Dana Kim' },
  { id: 'user_eli', name: 'Eli Moreau' },
  { id: 'user_fei', name: 'Fei Zhang' },
] as const;

/** The three projects as each source names them, with the display name they all share. */
export const PROJECTS = {
  checkout: { name: 'Checkout web', openai: 'proj_checkout', cwd: '/work/checkout-web', folder: 'checkout-web' },
  support: { name: 'Support bot', openai: 'proj_support', app: 'Support bot' },
  pipeline: { name: 'Data pipeline', openai: 'proj_pipeline', cwd: '/srv/agents/data-pipeline' },
} as const;

export const KEYS = [
  { id: 'key_support_prod', name: 'Support bot (prod)' },
  { id: 'support-cn', name: 'Support bot (DeepSeek)' },
  { id: 'support-router', name: 'Support bot (OpenRouter)' },
  { id: 'key_checkout_ci', name: 'Checkout CI' },
  { id: 'key_pipeline', name: 'Pipeline worker' },
  { id: 'lab-router', name: 'Model lab (OpenRouter)' },
] as const;

/** DeepSeek's list price in CNY per million tokens before and after the rise, with its discount window. */
export const DEEPSEEK_PRICES = {
  before: { input: '2', cache_read: '0.2', output: '3' },
  after: { input: '4', cache_read: '0.5', output: '8' },
  /** 16:30-00:30 UTC at half price. */
  offPeak: { startUtc: '16:30', endUtc: '00:30' },
} as const;

/** A count jittered by up to +-10 % (never below 1). */
export function jitter(rand: () => number, n: number): number {
  return Math.max(1, Math.round(n * (0.9 + 0.2 * rand())));
}

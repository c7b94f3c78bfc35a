/**
 * Five-hour usage blocks, as coding-agent users know them from their plans' rate-limit windows: a block
 * starts at the UTC hour of its first call and lasts five hours; a call after the block's end, or after
 * five idle hours, starts the next one. The active block is the one the engine's clock (never the wall
 * clock) is inside, with calls in the last five hours; its burn rate is over its first to last call, and
 * its projection runs that rate to the block's end. Money stays exact, per currency.
 */
export const BLOCK_MS = 5 * 3_600_000;
const HOUR_MS = 3_600_000;

/** One model call: its instant, tokens, and its money per currency (spend, and notional value in a plan). */
export interface BlockCall {
  at: number;
  tokens: number;
  currency: string;
  spendNano: bigint | null;
  notionalNano: bigint | null;
  /** No price and no cost of its own. */
  unpriced: boolean;
}

export interface UsageBlock {
  start: number;
  end: number;
  firstAt: number;
  lastAt: number;
  calls: number;
  tokens: number;
  spend: Map<string, bigint>;
  notional: Map<string, bigint>;
  unpricedCalls: number;
  active: boolean;
}

export interface BlockBurn {
  tokensPerMinute: number;
  /** Spend per hour, per currency (nano, truncated). */
  spendPerHour: Map<string, bigint>;
  /** At this rate until the block's end. */
  projectedTokens: number;
  projectedSpend: Map<string, bigint>;
  remainingMs: number;
}

function add(m: Map<string, bigint>, currency: string, nano: bigint | null): void {
  if (nano === null || currency === '') return;
  m.set(currency, (m.get(currency) ?? 0n) + nano);
}

/** The blocks of these calls (sorted by `at`), oldest first. */
export function usageBlocks(calls: readonly BlockCall[], now: number): UsageBlock[] {
  const blocks: UsageBlock[] = [];
  let b: UsageBlock | null = null;
  for (const c of calls) {
    if (b === null || c.at >= b.end || c.at - b.lastAt >= BLOCK_MS) {
      const start = Math.floor(c.at / HOUR_MS) * HOUR_MS;
      b = { start, end: start + BLOCK_MS, firstAt: c.at, lastAt: c.at, calls: 0, tokens: 0, spend: new Map(), notional: new Map(), unpricedCalls: 0, active: false };
      blocks.push(b);
    }
    b.lastAt = c.at;
    b.calls++;
    b.tokens += c.tokens;
    add(b.spend, c.currency, c.spendNano);
    add(b.notional, c.currency, c.notionalNano);
    if (c.unpriced) b.unpricedCalls++;
  }
  for (const x of blocks) x.active = now >= x.start && now < x.end && now - x.lastAt < BLOCK_MS;
  return blocks;
}

/** The active block's burn rate and projection; null for a closed block or one whose calls share one instant. */
export function blockBurn(b: UsageBlock, now: number): BlockBurn | null {
  const elapsed = b.lastAt - b.firstAt;
  if (!b.active || elapsed <= 0) return null;
  const remainingMs = Math.max(0, b.end - now);
  const perHour = new Map<string, bigint>();
  const projected = new Map<string, bigint>();
  for (const [cur, nano] of b.spend) {
    perHour.set(cur, (nano * BigInt(HOUR_MS)) / BigInt(elapsed));
    projected.set(cur, nano + (nano * BigInt(remainingMs)) / BigInt(elapsed));
  }
  const tokensPerMinute = (b.tokens * 60_000) / elapsed;
  return { tokensPerMinute, spendPerHour: perHour, projectedTokens: Math.round(b.tokens + (b.tokens * remainingMs) / elapsed), projectedSpend: projected, remainingMs };
}

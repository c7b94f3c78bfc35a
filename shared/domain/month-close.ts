/** What the screens and the CLI say about closed months and the imports they hold. */
import { formatAmount, parseDecimalToNano } from './money';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2025-09" -> "September 2025". */
export function monthName(month: string): string {
  const [y, m] = month.split('-');
  return `${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

export interface HeldMonth {
  month: string;
  closed: boolean;
  imports: number;
  facts: number;
  /** Summed per currency over the month's holds. */
  amounts: Record<string, string>;
}

/** The holds summed per month. */
export function heldByMonth(held: readonly { month: string; closed: boolean; newFacts: number; revisedFacts: number; removedFacts: number; amounts: Record<string, string> }[]): HeldMonth[] {
  const by = new Map<string, { closed: boolean; imports: number; facts: number; nano: Map<string, bigint> }>();
  for (const h of held) {
    let m = by.get(h.month);
    if (!m) by.set(h.month, (m = { closed: h.closed, imports: 0, facts: 0, nano: new Map() }));
    m.imports++;
    m.facts += h.newFacts + h.revisedFacts + h.removedFacts;
    for (const [c, v] of Object.entries(h.amounts)) m.nano.set(c, (m.nano.get(c) ?? 0n) + parseDecimalToNano(v));
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({ month, closed: m.closed, imports: m.imports, facts: m.facts, amounts: Object.fromEntries([...m.nano].sort(([a], [b]) => a.localeCompare(b)).map(([c, n]) => [c, formatAmount(n)])) }));
}

/** What the OpenAI usage/cost JSON and their dashboard CSVs share. FORMATS.md §2. */
import { DAY_MS, HOUR_MS } from './common';
import type { Granularity } from '../../../shared/domain/fact';

export function granularityOf(startMs: number, endMs: number): Granularity {
  const width = endMs - startMs;
  if (width >= 28 * DAY_MS) return 'month';
  if (width >= DAY_MS) return 'day';
  if (width >= HOUR_MS) return 'hour';
  return 'request'; // 1-minute buckets: the finest grain the ledger has
}

/** "gpt-4o-2024-08-06, cached input" -> model and direction (split on the LAST comma; "whisper" has none). */
export function splitLineItem(lineItem: string): { model: string; direction: string | null } {
  const at = lineItem.lastIndexOf(',');
  if (at < 0) return { model: lineItem.trim(), direction: null };
  return { model: lineItem.slice(0, at).trim(), direction: lineItem.slice(at + 1).trim().toLowerCase().replace(/_/g, ' ') };
}

/**
 * The FOCUS export: the ledger's spend over a range (focus-store.ts, the one spend rule), split by token
 * class (focus-cells.ts), as FOCUS 1.2 rows (focus-rows.ts), written as CSV or Parquet (focus-write.ts).
 */
import { resolve } from 'node:path';
import type { FocusExportResult, FocusFormat } from '../../../shared/contract/api/export';
import type { AmountsByCurrency } from '../../../shared/contract/types';
import { formatAmount } from '../../../shared/domain/money';
import type { EngineContext } from '../context';
import { saidError } from '../said-error';
import { focusCells } from './focus-cells';
import { focusRow } from './focus-rows';
import { writeFocus } from './focus-write';

export async function exportFocus(
  ctx: EngineContext,
  input: { path: string; format: FocusFormat; from?: string | undefined; to?: string | undefined },
): Promise<FocusExportResult> {
  if (input.from && input.to && input.from > input.to) throw saidError('VALIDATION', 'engine.error.fromAfterTo', { from: input.from, to: input.to });
  const cells = focusCells(ctx.db, input);
  const sums = new Map<string, bigint>();
  for (const c of cells) sums.set(c.currency, (sums.get(c.currency) ?? 0n) + c.nano);
  const billedCost: AmountsByCurrency = {};
  for (const cur of [...sums.keys()].sort()) billedCost[cur] = formatAmount(sums.get(cur)!);
  const path = resolve(input.path);
  await writeFocus(cells.map(focusRow), input.format, path);
  return { path, format: input.format, from: input.from ?? null, to: input.to ?? null, rows: cells.length, billedCost };
}

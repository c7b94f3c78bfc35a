/**
 * Cursor's dashboard usage export (cursor.com -> Usage -> Export, "usage-events-*.csv"): one row per request.
 * Headers by generation (mapped by name): 2025 `Date,Kind,Model,Max Mode,Input (w/ Cache Write),
 * Input (w/o Cache Write),Cache Read,Output Tokens,Total Tokens,Cost`; older ones have no Kind and add
 * `Cost to you`; 2026 ones add `Cloud Agent ID,Automation ID`.
 *
 * The four token columns are DISJOINT (Total = the four summed): cache_write = "Input (w/ Cache Write)",
 * input = "Input (w/o Cache Write)" (not their difference). Reasoning is not reported. Errored and aborted
 * requests have empty token cells: not requests. `Cost` is what Cursor counts for the request, in USD,
 * for Included (plan) and On-Demand rows alike: a cost the tool recorded, not a bill line; `Kind` says
 * which (kept as a tag): an Included row's cost is notional (plan 'included', never spend), an On-Demand
 * or usage-based row's is pay-as-you-go; other kinds leave it to the user's setting for Cursor. A Cost that is not a number ("NaN", "Included", "Free", empty) is not recorded, never $0.
 * The export has no row id: a row's identity is its time, model and token cells (overlapping exports
 * repeat rows exactly).
 */
import { fact, identity, matchColumns, tokens } from '../kit/common';
import { dateCell, intCell, parseCsv, requiredText, textCell, type CsvRow } from '../kit/csv';
import type { UsagePlan } from '../../../../shared/domain/fact';
import type { Importer } from '../types';
import { recordedUsd, tagsOf } from './shared';

const SIGNATURE = ['Date', 'Model', 'Input (w/ Cache Write)', 'Input (w/o Cache Write)', 'Cache Read', 'Output Tokens'] as const;
const TOKEN_CELLS = ['input (w/ cache write)', 'input (w/o cache write)', 'cache read', 'output tokens'] as const;

/** What a row's Kind says of how it was paid (null: it does not say). */
function planOf(kind: string | null): UsagePlan | null {
  if (kind === null) return null;
  if (/^included/i.test(kind)) return 'included';
  if (/^(on-demand|usage-based)/i.test(kind)) return 'payg';
  return null;
}

export const cursorUsageCsv: Importer = {
  id: 'cursor-usage-csv',
  label: 'Cursor usage export (CSV)',
  provider: 'cursor',
  signature: SIGNATURE,
  grain: 'request',
  identify: (head) => matchColumns(head, SIGNATURE),
  parse: (source, ctx) =>
    parseCsv(source, ctx, (row: CsvRow) => {
      if (TOKEN_CELLS.every((c) => textCell(row, c) === null)) {
        return { kind: 'skip', line: row.line, reason: `${textCell(row, 'kind') ?? 'request'} with no tokens (not a request)` };
      }
      const date = requiredText(row, 'date');
      const start = dateCell(row, 'date');
      const model = requiredText(row, 'model');
      const withWrite = intCell(row, 'input (w/ cache write)', { optional: true }) ?? 0;
      const withoutWrite = intCell(row, 'input (w/o cache write)', { optional: true }) ?? 0;
      const cacheRead = intCell(row, 'cache read', { optional: true }) ?? 0;
      const output = intCell(row, 'output tokens', { optional: true }) ?? 0;
      const maxMode = textCell(row, 'max mode');
      const kind = textCell(row, 'kind');
      return {
        kind: 'fact',
        line: row.line,
        fact: fact({
          identity: identity('cursor', date, model, withWrite, withoutWrite, cacheRead, output),
          start,
          end: start + 1,
          granularity: 'request',
          provider: 'cursor',
          lineType: 'usage',
          modelRaw: model,
          tags: tagsOf({
            kind,
            maxMode: maxMode === null ? null : /^(yes|true)$/i.test(maxMode) ? 'true' : 'false',
            cloudAgentId: textCell(row, 'cloud agent id'),
            automationId: textCell(row, 'automation id'),
          }),
          tokens: tokens({ input: withoutWrite, cache_read: cacheRead, cache_write_5m: withWrite, output }),
          requests: 1,
          recorded: recordedUsd(textCell(row, 'cost') ?? undefined, 'Cost'),
          plan: planOf(kind),
        }),
      };
    }),
};

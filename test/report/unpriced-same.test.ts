/**
 * The Overview's unpriced banner and Reconcile count the same tokens with the same function, through the CLI
 * (`report reconcile --json` and `call report.overview`): usage the book cannot price whether or not its row
 * states its own cost, and how many of those tokens have a cost of their own that stands as their spend.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { ReconcileReport } from '../../shared/contract/api/reconcile';
import type { ReportOverview } from '../../shared/contract/api/report';
import { captureIo } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';
import { EXPORTS, nanoPriorityExport } from '../helpers/unpriced';

async function json<T>(db: string, ...args: string[]): Promise<T> {
  const io = captureIo();
  expect(await runCli([...args, '--db', db, '--json'], io), io.stderr.join('\n')).toBe(0);
  return JSON.parse(io.stdout.join('\n')) as T;
}

describe('unpriced usage on the Overview and in Reconcile', () => {
  it('counts the same tokens, and the same share of them whose own cost stands as spend', async () => {
    const db = join(tempDir(), 'ledger.sqlite');
    expect(await runCli(['import', nanoPriorityExport(), join(EXPORTS, 'openrouter-activity.csv'), '--db', db], captureIo())).toBe(0);
    const rec = await json<ReconcileReport>(db, 'report', 'reconcile', '--month', '2025-09');
    const overview = await json<ReportOverview>(db, 'call', 'report.overview', '{"month":"2025-09","timeZone":"UTC"}');
    // gpt-5-nano's priority row: 22,584 + 65,536 + 40,211 tokens, no price and no cost of its own (missing from
    // spend); OpenRouter's qwen3-coder row served by Alibaba: 64,000 + 5,200 tokens, its bill its spend.
    expect(rec.unpriced.tokens).toBe(128_331 + 69_200);
    expect(rec.unpriced.billedTokens).toBe(69_200);
    expect(overview.unpriced).toEqual(rec.unpriced);
    expect(overview.unpriced.models.map((m) => [m.model, m.tier, m.tokens])).toEqual([
      ['gpt-5-nano-2025-08-07', 'priority', 128_331],
      ['qwen3-coder-480b-a35b-07-25', 'standard', 69_200],
    ]);
  });
});

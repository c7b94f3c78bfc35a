/**
 * "Load demo data": import the bundled sample exports through the real import pipeline.
 * One token source per vendor, plus the cost files that bill them (OpenAI, Anthropic), so the
 * demo shows spend that is billed where a bill covers it and estimated elsewhere.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoResult } from '../../../shared/contract/types';
import type { EngineContext } from '../context';
import { ledgerTotals } from '../reports/totals-store';
import { importPaths } from './service';

export async function loadDemo(ctx: EngineContext): Promise<DemoResult> {
  const files = readdirSync(ctx.demoDir)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => join(ctx.demoDir, f));
  const result = await importPaths(ctx, files, { onError: 'abort', label: 'Demo data' });
  return {
    files: result.files.map((f) => ({ file: f.file, format: f.format, batchId: f.batchId ?? 0, rowsNew: f.counts.new })),
    totals: ledgerTotals(ctx.db, {}),
  };
}

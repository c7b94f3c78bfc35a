/**
 * A bill that nets a credit into a row's cost (a Vertex committed-use discount in the credits column, a Zhipu
 * voucher 赠金抵扣金额) is imported as the row's charge at list and a credit line of the same model: the charge
 * compares with the price book, the credit shows as what it is, and their sum is what the bill says was paid.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allBig } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { testEngine } from '../helpers/engine';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');

async function lines(file: string, where: string) {
  const { engine, client } = testEngine();
  await client.call('imports.commit', { paths: [join(EXPORTS, file)] });
  const rows = allBig<{ line_type: string; model: string; billed: bigint; estimated: bigint | null; tags: string | null }>(
    engine.ctx.db,
    sql`SELECT line_type, model, billed_nano AS billed, estimated_nano AS estimated, tags FROM usage_facts WHERE ${sql.raw(where)} ORDER BY id`,
  );
  return { rows, report: await client.call('reconcile.report', {}) };
}

describe('credits netted into a bill row become their own credit line', () => {
  it("splits the Vertex Flash-Lite row's committed-use discount off its $3.79 list charge", async () => {
    const { rows, report } = await lines('gcp-billing-vertex.csv', "model = 'gemini-2.5-flash-lite' AND input > 0 OR line_type = 'credit'");
    // 37,900,000 input tokens at $0.10 = $3.79, the row's cost column; its credits cell: -$0.19 "Committed use discount".
    expect(rows.map((r) => [r.line_type, r.model, r.billed, r.estimated])).toEqual([
      ['usage', 'gemini-2.5-flash-lite', 3_790_000_000n, 3_790_000_000n],
      ['credit', 'gemini-2.5-flash-lite', -190_000_000n, null],
    ]);
    expect(JSON.parse(rows[1]!.tags!).credit).toBe('Committed use discount');
    const month = report.lines.find((l) => l.provider === 'gcp-vertex')!;
    expect([month.billed, month.estimated, month.delta, month.credits]).toEqual(['24.495000', '24.495000', '0.000000', '-0.190000']);
  });

  it('splits the ¥5 Zhipu voucher off the GLM-4.5 line whose list total is ¥36.408662', async () => {
    const { rows, report } = await lines('zhipu-bill-detail.csv', "model = 'glm-4.5' AND input = 18204331 OR line_type = 'credit'");
    // 18,204,331 input tokens at ¥2 = ¥36.408662 (目录总价); 应付金额 ¥31.408662 after the ¥5 voucher.
    expect(rows.map((r) => [r.line_type, r.model, r.billed, r.estimated])).toEqual([
      ['usage', 'glm-4.5', 36_408_662_000n, 36_408_662_000n],
      ['credit', 'glm-4.5', -5_000_000_000n, null],
    ]);
    // Its bill days (账期 2025-09-01 and 09-02) are both September's: one bill, matching to the fen.
    expect(report.lines.filter((l) => l.provider === 'zhipu').map((l) => [l.period, l.delta])).toEqual([['2025-09', '0.000000']]);
    expect(report.lines.map((l) => l.credits).filter(Boolean)).toEqual(['-5.000000']);
  });
});

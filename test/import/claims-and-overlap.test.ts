import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatNano } from '../../shared/domain/money';
import { EXPECTED, billedNano, dumpTables, fixture, tempLedger, type TestLedger } from './helpers';

let ledger: TestLedger | undefined;
afterEach(() => {
  ledger?.close();
  ledger = undefined;
});

const FACT_TABLES = ['usage_facts', 'fact_history', 'token_supersessions', 'fact_claims'];

async function commit(l: TestLedger, ...names: string[]) {
  return l.api.call('imports.commit', { paths: names.map((n) => (n.startsWith('/') ? n : fixture(n))), onError: 'abort' });
}

async function totals(l: TestLedger) {
  return (await l.api.call('report.totals', {})).totals;
}

function tokensOf(name: string) {
  const e = EXPECTED[name]!;
  return { input: e.input_uncached, cache_read: e.cache_read, output: e.output, reasoning: e.reasoning_subset_of_output };
}

const usd = (billed: Record<string, string>) => formatNano(billedNano(billed, 'USD'), 6);

describe('a fact two batches contained belongs to both', () => {
  it('undoing the older batch keeps the facts the later one also contained, and undoing that one then removes them', async () => {
    ledger = tempLedger();
    const a = join(ledger.dir, 'export-a.csv');
    const b = join(ledger.dir, 'export-b.csv');
    copyFileSync(fixture('openrouter-activity.csv'), a);
    copyFileSync(fixture('openrouter-activity.csv'), b);
    const empty = dumpTables(ledger.engine, FACT_TABLES);
    const batchA = (await commit(ledger, a)).files[0]!.batchId!;
    const afterA = dumpTables(ledger.engine, FACT_TABLES);
    const second = await commit(ledger, b);
    const batchB = second.files[0]!.batchId!;
    // 15 generations and the web search fee line of one of them.
    expect(second.counts).toMatchObject({ new: 0, duplicate: 16 });
    expect(dumpTables(ledger.engine, ['fact_claims']).fact_claims).toHaveLength(16);
    const totalsAB = await totals(ledger);

    const undoA = await ledger.api.call('imports.undo', { batchId: batchA });
    expect(undoA.removed).toBe(0);
    // Exactly the rows A brought, now owned by B (same ids, same values, B's lines), and no claims left.
    const owned = (afterA.usage_facts as Array<Record<string, unknown>>).map((r) => ({ ...r, batch_id: BigInt(batchB) }));
    expect(dumpTables(ledger.engine, FACT_TABLES)).toEqual({ ...afterA, usage_facts: owned, fact_claims: [] });
    expect(await totals(ledger)).toEqual(totalsAB);

    const undoB = await ledger.api.call('imports.undo', { batchId: batchB });
    expect(undoB.removed).toBe(16);
    expect(dumpTables(ledger.engine, FACT_TABLES)).toEqual(empty);
  });

  it('undoing the later batch only drops its claims: the ledger is exactly as after the first import', async () => {
    ledger = tempLedger();
    const b = join(ledger.dir, 'export-b.csv');
    copyFileSync(fixture('openrouter-activity.csv'), b);
    await commit(ledger, 'openrouter-activity.csv');
    const afterA = dumpTables(ledger.engine, FACT_TABLES);
    const batchB = (await commit(ledger, b)).files[0]!.batchId!;
    expect((await ledger.api.call('imports.undo', { batchId: batchB })).removed).toBe(0);
    expect(dumpTables(ledger.engine, FACT_TABLES)).toEqual(afterA);
  });

  it('a finer source that passes to a later batch keeps covering the coarser one', async () => {
    ledger = tempLedger();
    const b = join(ledger.dir, 'again.csv');
    copyFileSync(fixture('openrouter-activity.csv'), b);
    const a = (await commit(ledger, 'openrouter-activity.csv')).files[0]!.batchId!;
    await commit(ledger, 'openrouter-activity-api.json');
    await commit(ledger, b);
    await ledger.api.call('imports.undo', { batchId: a });
    expect((await totals(ledger)).tokens).toMatchObject(tokensOf('openrouter-activity.csv'));
    expect(usd((await totals(ledger)).billed)).toBe(EXPECTED['openrouter-activity.csv']!.cost);
  });
});

describe('Anthropic usage from the Admin API and the Console CSV count once', () => {
  it('in either order, although one names workspaces and keys by id and the other by name', async () => {
    for (const order of [
      ['anthropic-usage-report.json', 'anthropic-console-usage.csv'],
      ['anthropic-console-usage.csv', 'anthropic-usage-report.json'],
    ]) {
      ledger = tempLedger();
      const first = await commit(ledger, order[0]!);
      const second = await commit(ledger, order[1]!);
      expect(second.files[0]!.overlaps).toEqual([
        expect.objectContaining({ batchId: first.files[0]!.batchId, winner: 'earlier', facts: EXPECTED[order[1]!]!.rows }),
      ]);
      const t = await totals(ledger);
      expect(t.tokens).toMatchObject(tokensOf(order[0]!));
      expect(t.tokens.cache_write_5m + t.tokens.cache_write_1h).toBe(EXPECTED[order[0]!]!.cache_write);
      // Undo the earlier one: the other counts alone, exactly.
      await ledger.api.call('imports.undo', { batchId: first.files[0]!.batchId! });
      expect((await totals(ledger)).tokens).toMatchObject(tokensOf(order[1]!));
      ledger.close();
      ledger = undefined;
    }
  });
});

describe('two bill files of one vendor bill once', () => {
  for (const [json, csv, pair] of [
    ['openai-costs.json', 'openai-dashboard-cost-export.csv', 'openai-costs.json'],
    ['anthropic-cost-report.json', 'anthropic-console-cost.csv', 'anthropic-cost-report.json'],
  ] as const) {
    it(`${json} and ${csv}: each alone bills its expected total, together the API report's (${EXPECTED[pair]!.cost})`, async () => {
      for (const alone of [json, csv]) {
        ledger = tempLedger();
        await commit(ledger, alone);
        expect(usd((await totals(ledger)).billed)).toBe(EXPECTED[alone]!.cost);
        ledger.close();
        ledger = undefined;
      }
      for (const order of [
        [json, csv],
        [csv, json],
      ]) {
        ledger = tempLedger();
        const first = await commit(ledger, order[0]!);
        const second = await commit(ledger, order[1]!);
        const t = await totals(ledger);
        expect(usd(t.billed)).toBe(EXPECTED[pair]!.cost);
        expect(usd(t.spend)).toBe(EXPECTED[pair]!.cost);
        expect(second.files[0]!.overlaps).toEqual([
          expect.objectContaining({ batchId: first.files[0]!.batchId, winner: order[1] === json ? 'this' : 'earlier', facts: EXPECTED[csv]!.rows }),
        ]);
        // Undo the API report: the console file bills alone again.
        const jsonBatch = (order[0] === json ? first : second).files[0]!.batchId!;
        await ledger.api.call('imports.undo', { batchId: jsonBatch });
        expect(usd((await totals(ledger)).billed)).toBe(EXPECTED[csv]!.cost);
        ledger.close();
        ledger = undefined;
      }
    });
  }
});

/**
 * The FOCUS export's rows per token class: a fact's money by class (an estimate priced per class, one
 * amount split by list price, the last class taking the remainder), a hand-worked agent-log message, and
 * the Parquet's per-class rows, read by DuckDB, against `report --json`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { parseDecimalToNano } from '../../../shared/domain/money';
import { captureIo, testEngine, type TestEngine } from '../../../test/helpers/engine';
import { tempDir } from '../../../test/helpers/tmp';
import { splitByClass, type FactMoney } from './focus-classes';

const fixture = (name: string) => join(import.meta.dirname, '../../../test/fixtures/exports', name);
const FILES = ['openai-costs.json', 'anthropic-usage-report.json', 'openrouter-generation.jsonl', 'zhipu-bill-detail.csv', 'claude-code-session.jsonl', 'litellm-spend-logs.csv'].map(fixture);
const CLASSES = ['input', 'cache_read', 'cache_write_5m', 'cache_write_1h', 'output', 'reasoning'];

/** Units of 10^-24 for an amount in nano-units. */
const units = (nano: bigint) => nano * 10n ** 15n;
const tokens = (t: Partial<FactMoney['tokens']>): FactMoney['tokens'] => ({ input: 0n, cache_read: 0n, cache_write_5m: 0n, cache_write_1h: 0n, output: 0n, reasoning: 0n, ...t });

describe('a fact’s money by token class', () => {
  it('an estimate the book gives: each class at its price (rounded), the last class the remainder', () => {
    // 1 input token at 0.4 nano, 1 output token at 0.4 nano: an estimate of 1 nano (0.8 rounded once).
    const list = { estimate: 1n, currency: 'USD', classes: [{ tokenClass: 'input' as const, tokens: 1, units: units(1n) * 4n / 10n }, { tokenClass: 'output' as const, tokens: 1, units: units(1n) * 4n / 10n }] };
    const r = splitByClass({ nano: 1n, currency: 'USD', basis: 'estimated', tokens: tokens({ input: 1n, output: 1n }), list });
    expect(r.allocation).toBe('priced per class');
    expect(r.shares.map((s) => [s.tokenClass, s.nano])).toEqual([['input', 0n], ['output', 1n]]);
  });

  it('one amount for several classes: split by the list-price shares, exact to the nano', () => {
    const list = { estimate: 300n, currency: 'USD', classes: (['input', 'cache_read', 'output'] as const).map((c) => ({ tokenClass: c, tokens: 1, units: units(100n) })) };
    const r = splitByClass({ nano: 100n, currency: 'USD', basis: 'billed', tokens: tokens({ input: 1n, cache_read: 1n, output: 1n }), list });
    expect(r.allocation).toBe('split by list price');
    expect(r.shares.map((s) => s.nano)).toEqual([33n, 33n, 34n]);
  });

  it('reasoning priced apart is its own class, out of output; not priced apart it stays in output', () => {
    const t = tokens({ output: 10n, reasoning: 4n });
    const apart = { estimate: 6n * 2n + 4n * 3n, currency: 'USD', classes: [{ tokenClass: 'output' as const, tokens: 6, units: units(12n) }, { tokenClass: 'reasoning' as const, tokens: 4, units: units(12n) }] };
    const a = splitByClass({ nano: 24n, currency: 'USD', basis: 'estimated', tokens: t, list: apart });
    expect(a.shares.map((s) => [s.tokenClass, s.tokens, s.counts.output, s.counts.reasoning, s.nano])).toEqual([['output', 6n, 6n, 0n, 12n], ['reasoning', 4n, 4n, 4n, 12n]]);
    const together = splitByClass({ nano: 24n, currency: 'USD', basis: 'recorded', tokens: t, list: { estimate: 24n, currency: 'USD', classes: [{ tokenClass: 'output', tokens: 10, units: units(24n) }] } });
    expect([together.allocation, together.shares.map((s) => [s.tokenClass, s.tokens, s.counts.reasoning, s.nano])]).toEqual(['whole', [['output', 10n, 4n, 24n]]]);
  });

  it('no list price for several classes: one mixed row, not split; no tokens: one row without a class', () => {
    const mixed = splitByClass({ nano: 7n, currency: 'USD', basis: 'billed', tokens: tokens({ input: 3n, output: 2n }), list: null });
    expect([mixed.allocation, mixed.shares.map((s) => [s.tokenClass, s.tokens, s.nano])]).toEqual(['not split', [['mixed', 5n, 7n]]]);
    const charge = splitByClass({ nano: 7n, currency: 'USD', basis: 'billed', tokens: tokens({}), list: null });
    expect([charge.allocation, charge.shares.map((s) => [s.tokenClass, s.nano])]).toEqual(['whole', [[null, 7n]]]);
  });
});

async function duck<T>(query: string): Promise<T[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    return (await conn.runAndReadAll(query)).getRowObjectsJson() as T[];
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

describe('the FOCUS export, one row per token class', () => {
  let t: TestEngine;
  let dir = '';
  beforeAll(async () => {
    t = testEngine();
    dir = tempDir();
    await t.client.call('imports.commit', { paths: FILES });
  }, 60_000);

  it('a hand-worked agent-log message: input, cache read, cache write and output at Claude Sonnet 4’s list', async () => {
    const one = testEngine();
    const log = join(tempDir(), 'session.jsonl');
    const usage = { input_tokens: 1234, cache_creation_input_tokens: 4321, cache_read_input_tokens: 56789, cache_creation: { ephemeral_5m_input_tokens: 4321, ephemeral_1h_input_tokens: 0 }, output_tokens: 987 };
    const line = { type: 'assistant', sessionId: 's1', cwd: '/p', uuid: 'u1', requestId: 'r1', timestamp: '2025-09-03T10:00:00.000Z', message: { id: 'msg_1', role: 'assistant', model: 'claude-sonnet-4-20250514', content: [], usage } };
    writeFileSync(log, `${JSON.stringify(line)}\n`);
    await one.client.call('imports.commit', { paths: [log] });
    const out = join(tempDir(), 'one.csv');
    await one.client.call('export.focus', { path: out, format: 'csv' });
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
    // $3 input, $0.30 cache read, $3.75 five-minute cache write, $15 output per million tokens.
    expect(rows.map((r) => [r.x_TokenClass, r.ConsumedQuantity, r.PricingQuantity, parseDecimalToNano(r.BilledCost!), parseDecimalToNano(r.ListCost!), r.x_CostAllocation])).toEqual([
      ['input', '1234', '0.001234', 3_702_000n, 3_702_000n, 'priced per class'],
      ['cache_read', '56789', '0.056789', 17_036_700n, 17_036_700n, 'priced per class'],
      ['cache_write_5m', '4321', '0.004321', 16_203_750n, 16_203_750n, 'priced per class'],
      ['output', '987', '0.000987', 14_805_000n, 14_805_000n, 'priced per class'],
    ]);
    const total = await one.client.call('report.totals', {});
    expect(total.totals.spend).toEqual({ USD: '0.05174745' });
  });

  it('every row is one token class (or a charge without tokens), its quantity that class’s tokens', async () => {
    const out = join(dir, 'all.csv');
    await t.client.call('export.focus', { path: out, format: 'csv' });
    const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
    expect(new Set(rows.map((r) => r.x_CostAllocation))).toEqual(new Set(['priced per class', 'split by list price', 'whole']));
    for (const r of rows) {
      if (r.x_TokenClass === '') expect(r.ConsumedUnit === 'Charge' || r.ConsumedUnit === '').toBe(true);
      else {
        expect(CLASSES).toContain(r.x_TokenClass);
        const own = { input: r.x_InputTokens, cache_read: r.x_CacheReadTokens, cache_write_5m: r.x_CacheWriteTokens, cache_write_1h: r.x_CacheWriteTokens, output: r.x_OutputTokens, reasoning: r.x_ReasoningTokens }[r.x_TokenClass!];
        expect([r.ConsumedUnit, r.ConsumedQuantity]).toEqual(['Tokens', own]);
      }
    }
  });

  it('the Parquet’s per-class rows, summed by DuckDB, equal `report --json` totals per currency', async () => {
    const parquet = join(dir, 'classes.parquet');
    await t.client.call('export.focus', { path: parquet, format: 'parquet' });
    const io = captureIo();
    expect(await runCli(['report', '--json', '--db', t.dbPath], io)).toBe(0);
    const report = JSON.parse(io.stdout.join('\n')) as { totals: { spend: Record<string, string> } };
    const got = await duck<{ c: string; s: string; n: string }>(
      `SELECT BillingCurrency AS c, CAST(SUM(BilledCost) AS VARCHAR) AS s, CAST(count(DISTINCT x_TokenClass) AS VARCHAR) AS n FROM read_parquet('${parquet}') GROUP BY 1`,
    );
    expect(Object.fromEntries(got.map((r) => [r.c, parseDecimalToNano(r.s)]))).toEqual(Object.fromEntries(Object.entries(report.totals.spend).map(([c, v]) => [c, parseDecimalToNano(v)])));
    expect(Number(got.find((r) => r.c === 'USD')!.n)).toBeGreaterThanOrEqual(4);
  });
});

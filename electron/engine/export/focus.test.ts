/**
 * The FOCUS export on real ledger files built from the real fixtures (a bill and the usage it covers,
 * another provider's usage in USD, CNY bills, an agent log): each mandatory column's rule of FOCUS 1.2,
 * and the file's SUM(BilledCost) per currency, read back by DuckDB, against `report.totals`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { parseDecimalToNano } from '../../../shared/domain/money';
import { captureIo, testEngine, type TestEngine } from '../../../test/helpers/engine';
import { tempDir } from '../../../test/helpers/tmp';
import { FOCUS_COLUMNS, type FocusRow } from './focus-rows';
import { writeFocus } from './focus-write';

const fixture = (name: string) => join(import.meta.dirname, '../../../test/fixtures/exports', name);
const FILES = [
  'openai-costs.json',
  'openai-usage-completions.json',
  'anthropic-usage-report.json',
  'openrouter-generation.jsonl',
  'deepseek-usage-cost-2025-9.csv',
  'zhipu-bill-detail.csv',
  'claude-code-session.jsonl',
  'litellm-spend-logs.csv',
].map(fixture);

/** Mandatory FOCUS 1.2 columns (the spec's columns/*.md). */
const MANDATORY = [
  'BilledCost', 'BillingAccountId', 'BillingAccountName', 'BillingCurrency', 'BillingPeriodEnd', 'BillingPeriodStart',
  'ChargeCategory', 'ChargeClass', 'ChargeDescription', 'ChargePeriodEnd', 'ChargePeriodStart', 'ContractedCost',
  'EffectiveCost', 'InvoiceIssuerName', 'ListCost', 'PricingQuantity', 'PricingUnit', 'ProviderName', 'PublisherName',
  'ServiceCategory', 'ServiceName',
];
const DECIMAL = /^-?\d+(\.\d+)?$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T00:00:00Z$/;

let t: TestEngine;
let rows: Record<string, string>[] = [];
let header: string[] = [];
let dir = '';

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

/** SUM(BilledCost) per currency of an exported file, in nano, as DuckDB reads it. */
async function sumsOf(from: string): Promise<Record<string, bigint>> {
  const got = await duck<{ c: string; s: string }>(`SELECT BillingCurrency AS c, CAST(SUM(CAST(BilledCost AS DECIMAL(38,9))) AS VARCHAR) AS s FROM ${from} GROUP BY 1`);
  return Object.fromEntries(got.map((r) => [r.c, parseDecimalToNano(r.s)]));
}

async function spendOf(range: { from?: string; to?: string }): Promise<Record<string, bigint>> {
  const r = await t.client.call('report.totals', range);
  return Object.fromEntries(Object.entries(r.totals.spend).map(([c, v]) => [c, parseDecimalToNano(v)]));
}

beforeAll(async () => {
  t = testEngine();
  dir = tempDir();
  await t.client.call('imports.commit', { paths: FILES });
  const out = join(dir, 'focus.csv');
  await t.client.call('export.focus', { path: out, format: 'csv' });
  const parsed = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true });
  rows = parsed.data;
  header = parsed.meta.fields ?? [];
}, 60_000);

describe('FOCUS 1.2 export: the spec column rules', () => {
  it('has rows in several currencies, categories and cost bases (the sample the rules run on)', () => {
    expect(new Set(rows.map((r) => r.BillingCurrency))).toEqual(new Set(['USD', 'CNY']));
    expect(new Set(rows.map((r) => r.x_CostBasis))).toEqual(new Set(['billed', 'estimated', 'recorded']));
    expect(new Set(rows.map((r) => r.ConsumedUnit))).toEqual(new Set(['Tokens', 'Charge', '']));
  });

  it('has every mandatory column, then the ledger columns prefixed x_ after all FOCUS columns', () => {
    for (const c of MANDATORY) expect(header).toContain(c);
    const firstX = header.findIndex((c) => c.startsWith('x_'));
    expect(header.slice(firstX).every((c) => c.startsWith('x_'))).toBe(true);
    expect(header).toEqual([...FOCUS_COLUMNS]);
  });

  it.each(['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'])('%s is a decimal number on every row', (c) => {
    for (const r of rows) expect(r[c]).toMatch(DECIMAL);
  });

  it('EffectiveCost, ListCost and ContractedCost equal BilledCost (no discount or commitment is known)', () => {
    for (const r of rows) expect([r.EffectiveCost, r.ListCost, r.ContractedCost]).toEqual([r.BilledCost, r.BilledCost, r.BilledCost]);
  });

  it('BillingCurrency is an ISO 4217 code', () => {
    for (const r of rows) expect(r.BillingCurrency).toMatch(/^[A-Z]{3}$/);
  });

  it.each(['BillingAccountId', 'BillingAccountName', 'ChargeDescription', 'InvoiceIssuerName', 'ProviderName', 'PublisherName', 'ServiceName'])('%s is never empty', (c) => {
    for (const r of rows) expect(r[c]).not.toBe('');
  });

  it('ChargePeriodStart is a UTC day start and ChargePeriodEnd the next (exclusive)', () => {
    for (const r of rows) {
      expect(r.ChargePeriodStart).toMatch(INSTANT);
      expect(r.ChargePeriodEnd).toMatch(INSTANT);
      expect(Date.parse(r.ChargePeriodEnd!) - Date.parse(r.ChargePeriodStart!)).toBe(86_400_000);
    }
  });

  it('BillingPeriodStart/End are the bounds of the month that holds the charge period', () => {
    for (const r of rows) {
      expect(r.BillingPeriodStart).toMatch(/^\d{4}-\d{2}-01T00:00:00Z$/);
      expect(r.BillingPeriodEnd).toMatch(/^\d{4}-\d{2}-01T00:00:00Z$/);
      expect(r.BillingPeriodStart! <= r.ChargePeriodStart!).toBe(true);
      expect(r.ChargePeriodEnd! <= r.BillingPeriodEnd!).toBe(true);
      expect(r.BillingPeriodStart!.slice(0, 7)).toBe(r.ChargePeriodStart!.slice(0, 7));
    }
  });

  it('ChargeCategory is one of Usage, Purchase, Tax, Credit, Adjustment; ChargeClass is null (no corrections)', () => {
    for (const r of rows) {
      expect(['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment']).toContain(r.ChargeCategory);
      expect(r.ChargeClass).toBe('');
    }
  });

  it('ChargeFrequency is One-Time, Recurring or Usage-Based', () => {
    for (const r of rows) expect(['One-Time', 'Recurring', 'Usage-Based']).toContain(r.ChargeFrequency);
  });

  it('PricingQuantity and PricingUnit are both set except on Tax rows, the unit in the unit format', () => {
    for (const r of rows) {
      if (r.ChargeCategory === 'Tax') expect([r.PricingQuantity, r.PricingUnit]).toEqual(['', '']);
      else {
        expect(r.PricingQuantity).toMatch(DECIMAL);
        expect(r.PricingUnit).toMatch(/^(1000000 Tokens|Charge)$/);
      }
    }
  });

  it('ConsumedQuantity and ConsumedUnit are set on every Usage row and only there: tokens, or one charge', () => {
    for (const r of rows) {
      if (r.ChargeCategory !== 'Usage') expect([r.ConsumedQuantity, r.ConsumedUnit]).toEqual(['', '']);
      else if (r.ConsumedUnit === 'Charge') expect([r.ConsumedQuantity, r.PricingQuantity, r.PricingUnit]).toEqual(['1', '1', 'Charge']);
      else {
        expect(r.ConsumedUnit).toBe('Tokens');
        expect(r.ConsumedQuantity).toMatch(/^[1-9]\d*$/);
        // The pricing quantity is the same tokens counted per million.
        expect(parseDecimalToNano(r.PricingQuantity!) * 1_000_000n).toBe(BigInt(r.ConsumedQuantity!) * 1_000_000_000n);
      }
    }
  });

  it('ServiceCategory is "AI and Machine Learning", ServiceSubcategory "Generative AI"', () => {
    for (const r of rows) expect([r.ServiceCategory, r.ServiceSubcategory]).toEqual(['AI and Machine Learning', 'Generative AI']);
  });

  it('x_CostBasis is billed, recorded or estimated; x_VendorRegion a ledger region or empty', () => {
    for (const r of rows) {
      expect(['billed', 'recorded', 'estimated']).toContain(r.x_CostBasis);
      expect(['US', 'CN', 'EU', 'other', '']).toContain(r.x_VendorRegion);
    }
  });
});

describe('FOCUS export totals, read by DuckDB', () => {
  it.each([
    ['the whole ledger', {}],
    ['a range of days', { from: '2025-09-02', to: '2025-09-20' }],
  ])('SUM(BilledCost) per currency of the Parquet and the CSV equals report.totals spend: %s', async (_name, range) => {
    const parquet = join(dir, 'focus.parquet');
    const csv = join(dir, 'range.csv');
    const r = await t.client.call('export.focus', { path: parquet, format: 'parquet', ...range });
    await t.client.call('export.focus', { path: csv, format: 'csv', ...range });
    const spend = await spendOf(range);
    expect(Object.keys(spend).length).toBeGreaterThan(0);
    expect(await sumsOf(`read_parquet('${parquet}')`)).toEqual(spend);
    expect(await sumsOf(`read_csv('${csv}', all_varchar = true)`)).toEqual(spend);
    expect(Object.fromEntries(Object.entries(r.billedCost).map(([c, v]) => [c, parseDecimalToNano(v)]))).toEqual(spend);
    expect((await duck<{ n: string }>(`SELECT count(*)::VARCHAR AS n FROM read_parquet('${parquet}')`))[0]!.n).toBe(String(r.rows));
  });

  it('types the Parquet columns: money DECIMAL, periods TIMESTAMP WITH TIME ZONE', async () => {
    const parquet = join(dir, 'typed.parquet');
    await t.client.call('export.focus', { path: parquet, format: 'parquet' });
    const types = await duck<{ column_name: string; column_type: string }>(`DESCRIBE SELECT BilledCost, ChargePeriodStart, ChargeClass FROM read_parquet('${parquet}')`);
    expect(types.map((c) => c.column_type)).toEqual(['DECIMAL(38,9)', 'TIMESTAMP WITH TIME ZONE', 'VARCHAR']);
  });
});

describe('the FOCUS CSV file', () => {
  it('neutralises a cell that starts like a formula and keeps a negative amount a number', async () => {
    const row = Object.fromEntries(FOCUS_COLUMNS.map((c) => [c, null])) as FocusRow;
    row.BillingAccountId = '=HYPERLINK("x")';
    row.BilledCost = '-1.5';
    row.BillingAccountName = '-team';
    const out = join(tempDir(), 'f.csv');
    await writeFocus([row], 'csv', out);
    const back = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data[0]!;
    expect([back.BillingAccountId, back.BilledCost, back.BillingAccountName]).toEqual([`'=HYPERLINK("x")`, '-1.5', "'-team"]);
  });

  it('`tokenledger export focus` writes the file and prints its rows and BilledCost', async () => {
    const io = captureIo();
    const out = join(dir, 'cli.parquet');
    expect(await runCli(['export', 'focus', '--format', 'parquet', '--out', out, '--from', '2025-09-01', '--to', '2025-09-30', '--db', t.dbPath], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/^Wrote .*cli\.parquet \(FOCUS 1\.2, parquet\): \d+ rows from 2025-09-01 to 2025-09-30, BilledCost /);
    const bad = captureIo();
    expect(await runCli(['export', 'focus', '--format', 'xlsx', '--out', out, '--db', t.dbPath], bad)).not.toBe(0);
    expect(bad.stderr.join('\n')).toContain('--format must be one of csv, parquet');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinFx, convert, convertOn, DISPLAY_CURRENCIES, parseFxCsv, REFERENCE_FX } from './fx';
import reference from './fx-reference.json';

describe('the shipped reference rates', () => {
  it('are the ECB daily rates of data/fx, row for row, from 2024-01-02', () => {
    const csv = readFileSync(join(import.meta.dirname, '../../data/fx/ecb-eurofxref-2024-01-02_2025-05-09.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(`Date,${reference.columns.join(',')}`);
    expect(csv.slice(1).map((l) => l.split(','))).toEqual(reference.rows);
    expect([REFERENCE_FX.firstDay, REFERENCE_FX.lastDay]).toEqual(['2024-01-02', '2025-05-09']);
    expect(DISPLAY_CURRENCIES).toEqual(['USD', 'CNY', 'EUR', 'GBP', 'JPY']);
  });
});

describe('convert', () => {
  // ECB, 2024-12-31: 1 EUR = 1.0389 USD = 7.5833 CNY; 2025-05-09: 1 EUR = 1.1252 USD = 8.147 CNY.
  it('crosses the ECB rates of the day through the euro', () => {
    const r = convertOn({ nano: 1_038_900_000n, currency: 'USD' }, 'CNY', '2024-12-31', builtinFx());
    expect(r.nano).toBe(7_583_300_000n);
    expect(r.rateDate).toBe('2024-12-31');
  });
  it('takes the last fixing before a day without one (New Year)', () => {
    const r = convert({ nano: 1_038_900_000n, currency: 'USD' }, 'CNY', Date.parse('2025-01-01T12:00:00Z'), builtinFx());
    expect([r.nano, r.rateDate]).toEqual([7_583_300_000n, '2024-12-31']);
  });
  it('converts days after the last shipped rate at the latest one', () => {
    const r = convertOn({ nano: 8_147_000_000n, currency: 'CNY' }, 'EUR', '2025-09-15', builtinFx());
    expect([r.nano, r.rateDate]).toEqual([1_000_000_000n, '2025-05-09']);
  });
  it("lets a user's rate of the same day win", () => {
    const table = [...builtinFx(), { currency: 'CNY', date: '2024-12-31', perUsd: '7', source: 'bank', origin: 'user' as const }];
    expect(convertOn({ nano: 1_000_000_000n, currency: 'USD' }, 'CNY', '2024-12-31', table).nano).toBe(7_000_000_000n);
  });
  it('parses the reference CSV and skips the undated row', () => {
    const { rates, skipped } = parseFxCsv('date,cny_per_usd,kind,source,notes\n2024-11-25,7.1918,x,src,\nn/a,7.0,const,one-api,\n');
    expect(rates).toHaveLength(1);
    expect(skipped[0]?.line).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { BUILTIN_FX, convert, parseFxCsv } from './fx';

describe('convert', () => {
  it('converts CNY to USD with the rate in force at the instant and names its date', () => {
    const r = convert({ nano: 7_140_000_000n, currency: 'CNY' }, 'USD', Date.parse('2025-10-01T00:00:00Z'), BUILTIN_FX);
    expect(r.nano).toBe(1_000_000_000n);
    expect(r.rateDate).toBe('2025-09-29');
  });
  it('uses an earlier point for an earlier instant', () => {
    const r = convert({ nano: 1_000_000_000n, currency: 'USD' }, 'CNY', Date.parse('2025-01-01T00:00:00Z'), BUILTIN_FX);
    expect(r.nano).toBe(7_191_800_000n);
    expect(r.rate).toBe('7.1918');
  });
  it('parses the reference CSV and skips the undated row', () => {
    const { rates, skipped } = parseFxCsv('date,cny_per_usd,kind,source,notes\n2024-11-25,7.1918,x,src,\nn/a,7.0,const,one-api,\n');
    expect(rates).toHaveLength(1);
    expect(skipped[0]?.line).toBe(3);
  });
});

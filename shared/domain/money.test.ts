import { describe, expect, it } from 'vitest';
import { seeded } from './random';
import { formatAmount, formatNano, mulNanoByDecimal, nanoToDecimal, normalizeCurrency, parseDecimalToNano } from './money';

describe('exact money', () => {
  it.each([
    ['0.546065', 546_065_000n],
    ['12', 12_000_000_000n],
    ['-0.1130544', -113_054_400n],
    ['1e-6', 1_000n],
    ['2.5E+3', 2_500_000_000_000n],
    ['.5', 500_000_000n],
    ['0.0000000015', 2n],
    ['0.0000000014', 1n],
    ['334.065804', 334_065_804_000n],
  ])('parses %s into nano-units', (text, nano) => {
    expect(parseDecimalToNano(text)).toBe(nano);
  });

  it('parses decimal commas with dot thousands separators when told the file uses them', () => {
    expect(parseDecimalToNano('1.234,56', { decimalComma: true })).toBe(1_234_560_000_000n);
    expect(parseDecimalToNano('0,0025', { decimalComma: true })).toBe(2_500_000n);
  });

  it('rejects text that is not a number, naming it', () => {
    expect(() => parseDecimalToNano('abc')).toThrow('"abc" is not a decimal amount');
    expect(() => parseDecimalToNano('')).toThrow('is not a decimal amount');
    expect(() => parseDecimalToNano('1.2.3')).toThrow();
  });

  it('reads a plain cell (sign, up to 6 whole digits, up to 9 decimals) as the full reading does', () => {
    // A leading space takes the full reading (trim, pattern, digit string): both must agree on every text.
    const full = (t: string) => parseDecimalToNano(` ${t}`);
    const edges = ['0', '-0', '-0.0', '+1', '5.', '.5', '-.5', '999999.999999999', '1000000.1', '1234567', '0.1234567891', '0.0000000005', '007.10', '12.'];
    for (const t of edges) expect(parseDecimalToNano(t), t).toBe(full(t));
    const r = seeded(3);
    const digits = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
    for (let k = 0; k < 2000; k++) {
      const t = `${['', '-', '+'][Math.floor(r() * 3)]}${digits(Math.floor(r() * 9))}${r() < 0.8 ? `.${digits(Math.floor(r() * 12))}` : ''}`;
      if (t.replace(/[+-]/, '') === '' || t.replace(/[+-]/, '') === '.') {
        expect(() => parseDecimalToNano(t), t).toThrow('is not a decimal amount');
        continue;
      }
      expect(parseDecimalToNano(t), t).toBe(full(t));
    }
    for (const bad of ['x1', '1e3x', '1,5', '--1', '1.2.3', '+', '-']) expect(() => parseDecimalToNano(bad), bad).toThrow('is not a decimal amount');
  });

  it('sums 0.1 ten times to exactly 1 (no float drift)', () => {
    let total = 0n;
    for (let i = 0; i < 10; i++) total += parseDecimalToNano('0.1');
    expect(formatNano(total, 2)).toBe('1.00');
  });

  it('formats amounts for the boundary with at least six decimals and no lost digits', () => {
    expect(formatAmount(546_065_000n)).toBe('0.546065');
    expect(formatAmount(12_000_000_000n)).toBe('12.000000');
    expect(formatAmount(125n)).toBe('0.000000125');
    expect(formatAmount(-113_054_400n)).toBe('-0.1130544');
    expect(nanoToDecimal(2_500_000_000_000n)).toBe('2500');
  });

  it('rounds half away from zero when formatting with fewer decimals and when multiplying', () => {
    expect(formatNano(5_000_000n, 2)).toBe('0.01');
    expect(formatNano(4_999_999n, 2)).toBe('0.00');
    expect(mulNanoByDecimal(1_000_000_000n, '7.1')).toBe(7_100_000_000n);
    expect(mulNanoByDecimal(3n, '0.5')).toBe(2n);
    expect(mulNanoByDecimal(-3n, '0.5')).toBe(-2n);
  });

  it('normalizes currency codes', () => {
    expect(normalizeCurrency(' usd ')).toBe('USD');
    expect(normalizeCurrency('RMB')).toBe('CNY');
    expect(() => normalizeCurrency('dollars')).toThrow('not a 3-letter currency code');
  });
});

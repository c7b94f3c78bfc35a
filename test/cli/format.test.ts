/** Money and prices for people in the terminal: cents, 3 significant digits below a cent, no float noise. */
import { describe, expect, it } from 'vitest';
import { formatAmounts, formatMoney, formatPrice } from '../../electron/cli/format';

describe('CLI money', () => {
  it('rounds to the cent with thousands separated, and keeps 3 significant digits below a cent', () => {
    expect(['0', '12.000000', '1234.5', '1234567.891', '-0.79', '0.059989508', '2.999990000'].map(formatMoney)).toEqual(['0.00', '12.00', '1,234.50', '1,234,567.89', '-0.79', '0.06', '3.00']);
    expect(['0.001234567', '-0.004', '0.000000125'].map(formatMoney)).toEqual(['0.00123', '-0.00400', '0.000000125']);
  });

  it('prints each currency of a sum', () => {
    expect(formatAmounts({ CNY: '2881.049', USD: '0.0049999' })).toBe('2,881.05 CNY + 0.00500 USD');
    expect(formatAmounts({})).toBe('-');
  });

  it('leaves out a currency whose amount is zero, unless every one is', () => {
    expect(formatAmounts({ CNY: '0', USD: '-0.79' })).toBe('-0.79 USD');
    expect(formatAmounts({ CNY: '0.000000000', USD: '12.5', EUR: '0.000000001' })).toBe('12.50 USD + 0.000000001 EUR');
    expect(formatAmounts({ CNY: '0.000000000', USD: '0' })).toBe('0.00 CNY');
  });

  it('prints a price per million tokens without binary float noise', () => {
    expect(['2.9999900000000002', '15.000020000000002', '0.0028', '3'].map(formatPrice)).toEqual(['2.99999', '15', '0.0028', '3']);
  });
});

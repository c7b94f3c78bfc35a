/**
 * Money is exact: an integer count of nano-units (1e-9) of its own currency, as a bigint.
 * Decimal strings cross every boundary (contract, CSV, JSON); floats never hold money.
 */

export const NANO_PER_UNIT = 1_000_000_000n;

/** ISO-4217 code, upper case ("USD", "CNY", "EUR"). */
export type CurrencyCode = string;

export interface Money {
  nano: bigint;
  currency: CurrencyCode;
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export class MoneyParseError extends Error {
  constructor(readonly text: string, reason: string) {
    super(`"${text}" is not a decimal amount: ${reason}`);
    this.name = 'MoneyParseError';
  }
}

/** 10^k for k in 0..9. */
const TENS = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000];

/**
 * parseDecimalToNano of the common cell, without a regex or a digit string: an optional sign, at most 6
 * whole digits, at most 9 decimals, nothing else (no space, no exponent), so that the nano-units are a
 * double's exact integer. Null for any other text (read the full way).
 */
function plainNano(s: string): bigint | null {
  const n = s.length;
  let i = 0;
  let sign = 1;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    sign = c0 === 45 ? -1 : 1;
    i = 1;
  }
  let whole = 0;
  let digits = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    whole = whole * 10 + d;
    if (++digits > 6) return null;
  }
  let frac = 0;
  let places = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 46) return null;
    for (i++; i < n; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9 || ++places > 9) return null;
      frac = frac * 10 + d;
    }
  }
  if (digits + places === 0) return null;
  return BigInt(sign * (whole * 1_000_000_000 + frac * TENS[9 - places]!));
}

/**
 * Parse a decimal string ("12.345678", "-0.5", "1e-6", "1,5" when decimalComma) into nano-units.
 * Digits beyond the 9th decimal are rounded half away from zero (exports never carry more
 * than 9 meaningful decimals; LiteLLM's per-token prices can, which is why prices use their own scale).
 */
export function parseDecimalToNano(input: string, opts: { decimalComma?: boolean } = {}): bigint {
  if (!opts.decimalComma) {
    const quick = plainNano(input);
    if (quick !== null) return quick;
  }
  let text = input.trim();
  if (opts.decimalComma) text = text.replace(/\./g, '').replace(',', '.');
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) throw new MoneyParseError(input, 'expected digits');
  const sign = m[1] === '-' ? -1n : 1n;
  const exp = m[4] ? Number.parseInt(m[4], 10) : 0;
  const intPart = m[2] || '0';
  const fracPart = m[3] ?? '';
  // Shift the decimal point by exp + 9 places, working on the digit string.
  const digits = intPart + fracPart;
  const pointAt = intPart.length + exp + 9; // position of the decimal point in `digits` after scaling
  let whole: bigint;
  let roundUp = false;
  if (pointAt <= 0) {
    whole = 0n;
    roundUp = pointAt === 0 && digits.length > 0 && Number(digits[0]) >= 5;
  } else if (pointAt >= digits.length) {
    whole = BigInt(digits + '0'.repeat(pointAt - digits.length));
  } else {
    whole = BigInt(digits.slice(0, pointAt) || '0');
    roundUp = Number(digits[pointAt]) >= 5;
  }
  return sign * (whole + (roundUp ? 1n : 0n));
}

/** Format nano-units as a plain decimal string with `decimals` places (default 9, trailing zeros kept). */
export function formatNano(nano: bigint, decimals = 9): string {
  const negative = nano < 0n;
  let abs = negative ? -nano : nano;
  if (decimals < 9) {
    const div = 10n ** BigInt(9 - decimals);
    const rem = abs % div;
    abs = abs / div + (rem * 2n >= div ? 1n : 0n);
  }
  const s = abs.toString().padStart(decimals + 1, '0');
  const intPart = s.slice(0, s.length - decimals);
  const frac = decimals > 0 ? '.' + s.slice(s.length - decimals) : '';
  const out = intPart + frac;
  return negative && /[1-9]/.test(out) ? '-' + out : out;
}

/** The shortest exact decimal string for nano-units ("12.5", "0.000001", "3"). */
export function nanoToDecimal(nano: bigint): string {
  const s = formatNano(nano, 9);
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

export function normalizeCurrency(code: string): CurrencyCode {
  const c = code.trim().toUpperCase();
  if (c === 'RMB') return 'CNY';
  if (!/^[A-Z]{3}$/.test(c)) throw new MoneyParseError(code, 'not a 3-letter currency code');
  return c;
}

/** Add amounts per currency; never mixes currencies. */
export function sumByCurrency(items: Iterable<Money>): Map<CurrencyCode, bigint> {
  const out = new Map<CurrencyCode, bigint>();
  for (const m of items) out.set(m.currency, (out.get(m.currency) ?? 0n) + m.nano);
  return out;
}

/** Multiply nano-units by a rational given as a decimal string (a rate, a share), rounding half away from zero. */
export function mulNanoByDecimal(nano: bigint, factor: string): bigint {
  const scaled = parseDecimalToNano(factor); // factor * 1e9
  const product = nano * scaled;
  const q = product / NANO_PER_UNIT;
  const r = product % NANO_PER_UNIT;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= NANO_PER_UNIT) return q + (product < 0n ? -1n : 1n);
  return q;
}

/**
 * Exact decimal string for an amount at the boundary: at least 6 decimals (the precision bills use),
 * more only when the amount has them ("0.546065", "12.000000", "0.000000125").
 */
export function formatAmount(nano: bigint): string {
  const s = formatNano(nano, 9);
  return s.replace(/(\.\d{6}\d*?)0+$/, '$1');
}

/**
 * Exact decimals for prices and rates: a bigint numerator over a power of ten.
 * Prices are stored as decimal strings (per million tokens) and never pass through floats,
 * except once, when a LiteLLM float is read (see decimalFromFloat).
 */
export interface Decimal {
  /** value = units / 10^scale */
  units: bigint;
  scale: number;
}

const DEC = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

export function parseDecimal(text: string): Decimal {
  const m = DEC.exec(text.trim());
  if (!m || (!m[2] && !m[3])) throw new Error(`"${text}" is not a decimal number`);
  const intPart = m[2] ?? '';
  const frac = m[3] ?? '';
  const exp = m[4] ? Number.parseInt(m[4], 10) : 0;
  let units = BigInt((intPart + frac) || '0');
  let scale = frac.length - exp;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  if (m[1] === '-') units = -units;
  return normalize({ units, scale });
}

function normalize(d: Decimal): Decimal {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

export function decimalToString(d: Decimal): string {
  const n = normalize(d);
  const neg = n.units < 0n;
  const abs = (neg ? -n.units : n.units).toString().padStart(n.scale + 1, '0');
  const intPart = abs.slice(0, abs.length - n.scale);
  const frac = n.scale > 0 ? '.' + abs.slice(abs.length - n.scale) : '';
  return (neg ? '-' : '') + intPart + frac;
}

export function mulDecimal(a: Decimal, b: Decimal): Decimal {
  return normalize({ units: a.units * b.units, scale: a.scale + b.scale });
}

/** Multiply two decimal strings exactly ("3" x "1.1" = "3.3"). */
export function mulDecimalStrings(a: string, b: string): string {
  return decimalToString(mulDecimal(parseDecimal(a), parseDecimal(b)));
}

/** Shift the decimal point: shiftDecimal("0.000003", 6) = "3". */
export function shiftDecimal(text: string, places: number): string {
  const d = parseDecimal(text);
  const scale = d.scale - places;
  if (scale >= 0) return decimalToString({ units: d.units, scale });
  return decimalToString({ units: d.units * 10n ** BigInt(-scale), scale: 0 });
}

/**
 * A LiteLLM float (USD per token) as the shortest decimal that round-trips, e.g. 3.3e-07 -> "0.00000033".
 * JavaScript's Number#toString already yields the shortest round-trip form.
 */
export function decimalFromFloat(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
  return decimalToString(parseDecimal(String(x)));
}

/** Compare a and b: -1, 0, 1. */
export function compareDecimal(a: string, b: string): number {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  const s = Math.max(x.scale, y.scale);
  const xu = x.units * 10n ** BigInt(s - x.scale);
  const yu = y.units * 10n ** BigInt(s - y.scale);
  return xu < yu ? -1 : xu > yu ? 1 : 0;
}

/** Divide a by b, rounded half away from zero to `places` decimals. */
export function divDecimalStrings(a: string, b: string, places: number): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  if (y.units === 0n) throw new Error('division by zero');
  // a/b = (xu/10^xs) / (yu/10^ys) = xu*10^ys / (yu*10^xs)
  const num = x.units * 10n ** BigInt(y.scale + places);
  const den = y.units * 10n ** BigInt(x.scale);
  return decimalToString({ units: divRound(num, den), scale: places });
}

/** Integer division rounded half away from zero. */
export function divRound(num: bigint, den: bigint): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const q = num / den;
  const r = num % den;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= den) return q + (num < 0n ? -1n : 1n);
  return q;
}

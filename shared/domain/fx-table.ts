/**
 * Effective-dated FX for report-time conversion, without zod (the status line loads this and not the
 * schemas): rates are units of the currency per 1 USD, a rate in force from its date until the next one.
 * fx.ts adds the schema and the CSV reader, and re-exports all of this.
 */
import { divDecimalStrings, divRound, parseDecimal } from './decimal';
import { normalizeCurrency, type CurrencyCode, type Money } from './money';
import reference from './fx-reference.json';

/** One rate (fx.ts fxRateSchema checks one). */
export interface FxRate {
  currency: string;
  /** 'YYYY-MM-DD', in force from 00:00 UTC. */
  date: string;
  /** Units of `currency` per 1 USD, decimal string. */
  perUsd: string;
  source: string;
  origin: 'builtin' | 'user';
}
export type FxTable = readonly FxRate[];

/**
 * The shipped reference rates: the ECB's daily euro reference rates (fx-reference.json, units per 1 EUR as
 * the ECB publishes them), crossed to units per 1 USD (X per USD = X per EUR / USD per EUR), 10 decimals.
 * A day without a fixing (weekend, TARGET holiday) takes the last rate before it.
 */
export const REFERENCE_FX = {
  source: reference.source,
  firstDay: reference.firstDay,
  /** Days after this one convert at the latest rate, and every converted figure says so. */
  lastDay: reference.lastDay,
} as const;

function builtinTable(): FxRate[] {
  const out: FxRate[] = [];
  const cols = reference.columns;
  const usd = cols.indexOf('USD') + 1;
  for (const row of reference.rows) {
    const date = row[0]!;
    const usdPerEur = row[usd]!;
    const src = `ECB reference rate ${date}: 1 EUR = ${usdPerEur} USD`;
    out.push(crossed('EUR', date, '1', usdPerEur, src));
    cols.forEach((c, i) => {
      if (c === 'USD') return;
      out.push(crossed(c, date, row[i + 1]!, usdPerEur, `${src}, 1 EUR = ${row[i + 1]} ${c}`));
    });
  }
  return out;
}

/**
 * One shipped rate, crossed to units per 1 USD when its `perUsd` is first read: a report reads a few of the
 * table's 1,380 rates, and crossing them all took a twentieth of `report --json`'s start.
 */
function crossed(currency: string, date: string, perEur: string, usdPerEur: string, source: string): FxRate {
  let perUsd: string | undefined;
  return {
    currency,
    date,
    get perUsd() {
      return (perUsd ??= trimZeros(divDecimalStrings(perEur, usdPerEur, 10)));
    },
    source,
    origin: 'builtin',
  };
}

function trimZeros(d: string): string {
  return d.includes('.') ? d.replace(/0+$/, '').replace(/\.$/, '') : d;
}

let builtin: FxTable | undefined;

/** The shipped table, computed at its first use (crossing every day's rates takes a while). */
export function builtinFx(): FxTable {
  return (builtin ??= builtinTable());
}

export interface Converted {
  nano: bigint;
  /** Units of `to` per 1 unit of the source currency, 10 decimals. */
  rate: string;
  /** Date of the rate used (the older leg when both sides are non-USD). */
  rateDate: string | null;
}

export class FxError extends Error {
  constructor(readonly code: 'NO_RATE', message: string) {
    super(message);
    this.name = 'FxError';
  }
}

/** A table's rates by currency, dates ascending (a user's rate after the built-in one of its date). */
const indexes = new WeakMap<FxTable, Map<string, FxRate[]>>();

function indexOf(table: FxTable): Map<string, FxRate[]> {
  let idx = indexes.get(table);
  if (!idx) {
    idx = new Map();
    for (const r of table) {
      const list = idx.get(r.currency) ?? [];
      list.push(r);
      idx.set(r.currency, list);
    }
    // Dates are 'YYYY-MM-DD': compared as plain strings (localeCompare's first call builds a collator, ~0.1 s).
    for (const list of idx.values()) list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.origin === 'user' ? 1 : -1));
    indexes.set(table, idx);
  }
  return idx;
}

/** The rate of `currency` in force on `day` ('YYYY-MM-DD'): the latest dated on or before it (a user's wins a tie). */
export function rateOn(currency: CurrencyCode, day: string, table: FxTable = builtinFx()): FxRate | null {
  if (currency === 'USD') return null;
  const rows = indexOf(table).get(currency);
  if (!rows?.length) throw new FxError('NO_RATE', `no FX rate for ${currency}`);
  let lo = 0;
  let hi = rows.length - 1;
  if (rows[0]!.date > day) return rows[0]!; // before the first point: the earliest (its date is shown)
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rows[mid]!.date <= day) lo = mid;
    else hi = mid - 1;
  }
  return rows[lo]!;
}

/** Converting amounts of one currency to another at the rates in force on one day. */
export interface Conversion {
  /** Units of `to` per 1 unit of the source currency, 10 decimals. */
  rate: string;
  /** Date of the rate used (the older leg when both sides are non-USD). */
  rateDate: string | null;
  /** An amount in nano-units converted, rounded half away from zero, once. */
  apply(nano: bigint): bigint;
}

const IDENTITY: Conversion = { rate: '1', rateDate: null, apply: (nano) => nano };

/** The conversion from `from` to `to` on `day` ('YYYY-MM-DD'): look it up once, apply it to many amounts. */
export function conversionOn(from: string, to: CurrencyCode, day: string, table: FxTable = builtinFx()): Conversion {
  const source = normalizeCurrency(from);
  const target = normalizeCurrency(to);
  if (source === target) return IDENTITY;
  const a = rateOn(source, day, table);
  const b = rateOn(target, day, table);
  const fromPerUsd = parseDecimal(a?.perUsd ?? '1');
  const toPerUsd = parseDecimal(b?.perUsd ?? '1');
  // x * toPerUsd / fromPerUsd, exact then rounded once.
  const mul = toPerUsd.units * 10n ** BigInt(fromPerUsd.scale);
  const den = fromPerUsd.units * 10n ** BigInt(toPerUsd.scale);
  const dates = [a?.date, b?.date].filter((d): d is string => !!d).sort();
  return { rate: divDecimalStrings(b?.perUsd ?? '1', a?.perUsd ?? '1', 10), rateDate: dates[0] ?? null, apply: (nano) => divRound(nano * mul, den) };
}

/** Convert money to `to` at the rates in force on `day` ('YYYY-MM-DD'). Rounds half away from zero, once. */
export function convertOn(money: Money, to: CurrencyCode, day: string, table: FxTable = builtinFx()): Converted {
  const c = conversionOn(money.currency, to, day, table);
  return { nano: c.apply(money.nano), rate: c.rate, rateDate: c.rateDate };
}

/** convertOn at the UTC day of an instant (epoch ms). */
export function convert(money: Money, to: CurrencyCode, atInstant: number, table: FxTable = builtinFx()): Converted {
  return convertOn(money, to, new Date(atInstant).toISOString().slice(0, 10), table);
}


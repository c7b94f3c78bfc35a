/**
 * Showing native amounts in the display currency: each currency's sum converted at the rate in force at
 * one instant (the last day of the view), the rates used and the currencies with no rate remembered, so
 * every converted figure can say how it was converted. Exact nano-units in and out.
 */
import { convert, FxError, type FxTable } from '../fx';
import { formatAmount } from '../money';

/** A rate used to show a converted figure: 1 `from` = `rate` `to`, in force since `rateDate`. */
export interface DisplayRate {
  from: string;
  to: string;
  rate: string;
  rateDate: string | null;
}

/** How converted figures were converted: rates in force on `at` (the last day of the view). */
export interface DisplayInfo {
  currency: string;
  at: string;
  rates: DisplayRate[];
  /** Currencies with no rate to the display currency: converted figures are null, native ones shown. */
  missing: string[];
}

/** Converts native amounts to the display currency at one day, remembering the rates used. */
export class Converter {
  private readonly rates = new Map<string, { rate: string; rateDate: string | null }>();
  readonly missing = new Set<string>();

  constructor(
    readonly currency: string,
    /** The day ('YYYY-MM-DD') whose rates apply (at noon UTC). */
    readonly at: string,
    private readonly table: FxTable,
  ) {}

  /** The sum of these native amounts in the display currency; null when a currency has no rate. */
  nano(m: ReadonlyMap<string, bigint>): bigint | null {
    let total = 0n;
    let ok = true;
    for (const [c, nano] of m) {
      try {
        const r = convert({ nano, currency: c }, this.currency, Date.parse(`${this.at}T12:00:00Z`), this.table);
        if (c !== this.currency) this.rates.set(c, { rate: r.rate, rateDate: r.rateDate });
        total += r.nano;
      } catch (err) {
        if (!(err instanceof FxError)) throw err;
        this.missing.add(c);
        ok = false;
      }
    }
    return ok ? total : null;
  }

  /** nano() as a decimal string. */
  display(m: ReadonlyMap<string, bigint>): string | null {
    const n = this.nano(m);
    return n === null ? null : formatAmount(n);
  }

  info(): DisplayInfo {
    return {
      currency: this.currency,
      at: this.at,
      rates: [...this.rates.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([from, r]) => ({ from, to: this.currency, ...r })),
      missing: [...this.missing].sort(),
    };
  }
}

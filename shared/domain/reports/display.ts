/**
 * Showing native amounts in the display currency: every amount converts at the rate in force on its own
 * day (fx.ts convertOn), so a converted total is the sum of its converted parts in any grouping, bucket
 * or range. The converter remembers what it used, so every converted figure can state its basis: the
 * latest rate per currency, each month's average rate, and whether days after the shipped reference
 * table were converted at its latest rate. Exact nano-units in and out.
 */
import { conversionOn, FxError, REFERENCE_FX, type Conversion, type FxTable } from '../fx-table';
import { said, type Said } from '../../i18n/said';

/** A rate used to show a converted figure: 1 `from` = `rate` `to`, in force since `rateDate`. */
export interface DisplayRate {
  from: string;
  to: string;
  rate: string;
  rateDate: string | null;
}

/** The average rate of one currency over the days of one month that were converted. */
export interface MonthlyRate {
  from: string;
  to: string;
  month: string;
  /** Mean of the daily rates used (units of `to` per 1 `from`), 6 decimals. */
  average: string;
  days: number;
}

/** How converted figures were converted. */
export interface DisplayInfo {
  currency: string;
  /** The last day of the view (the day its latest converted amount belongs to, when it has none). */
  at: string;
  /** The latest rate used per currency. */
  rates: DisplayRate[];
  /** Currencies with no rate to the display currency: converted figures are null, native ones shown. */
  missing: string[];
  /** Each amount converts at its own day's rate; the averages say what that came to per month. */
  basis: {
    kind: 'daily';
    averages: MonthlyRate[];
    /** Days after the shipped reference rates (and no rate of the user) converted at the latest one. */
    beyondReference: { lastDay: string; days: number } | null;
    /** One line in English (kept for scripts reading `--json`): `said` through the English catalog. */
    note: string;
    /** The same line as a message id and typed values: what the window and the CLI show, in their locale. */
    said: Said;
  };
}

/** "1 USD = 7.13 CNY" as [from, to, rate], oriented so that the number is at least 1 (4 decimals, 2 from 100). */
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function readable(from: string, to: string, rate: number): [string, string, number] {
  if (rate >= 1) return [from, to, Number(rate.toFixed(rate >= 100 ? 2 : 4))];
  const inv = 1 / rate;
  return [to, from, Number(inv.toFixed(inv >= 100 ? 2 : 4))];
}

/** Converts native amounts to the display currency, each at its own day's rate, remembering the rates used. */
export class Converter {
  private readonly latest = new Map<string, { rate: string; rateDate: string | null }>();
  private readonly monthly = new Map<string, { sum: number; days: Set<string> }>();
  private readonly beyond = new Set<string>();
  private readonly cache = new Map<string, { rate: string; rateDate: string | null; user: boolean } | null>();
  readonly missing = new Set<string>();
  /** Each (currency, day)'s conversion, looked up once for all its amounts (null: no rate). */
  private readonly conversions = new Map<string, Conversion | null>();
  /** `currency|date` of each user rate. */
  private userRates: Set<string> | undefined;

  private loaded: FxTable | undefined;

  constructor(
    readonly currency: string,
    /** The view's last day, named by info() (the basis of an empty view). */
    readonly at: string,
    /** The rates, or how to load them when an amount first needs converting (the status line rarely does). */
    private readonly rates: FxTable | (() => FxTable),
  ) {}

  private get table(): FxTable {
    return (this.loaded ??= typeof this.rates === 'function' ? this.rates() : this.rates);
  }

  /** One native amount of `day` in the display currency; null when its currency has no rate. */
  one(day: string, currency: string, nano: bigint): bigint | null {
    if (currency === this.currency) return nano;
    const k = `${currency}|${day}`;
    let c = this.conversions.get(k);
    if (c === undefined) {
      try {
        c = conversionOn(currency, this.currency, day, this.table);
        this.remember(day, currency, c.rate, c.rateDate);
      } catch (err) {
        if (!(err instanceof FxError)) throw err;
        this.missing.add(currency);
        c = null;
      }
      this.conversions.set(k, c);
    }
    return c === null ? null : c.apply(nano);
  }

  private remember(day: string, currency: string, rate: string, rateDate: string | null): void {
    const k = `${currency}|${day}`;
    if (this.cache.has(k)) return;
    this.userRates ??= new Set(this.table.filter((r) => r.origin === 'user').map((r) => `${r.currency}|${r.date}`));
    const user = this.userRates.has(`${currency}|${rateDate}`) || this.userRates.has(`${this.currency}|${rateDate}`);
    this.cache.set(k, { rate, rateDate, user });
    const prev = this.latest.get(currency);
    if (!prev || (rateDate ?? '') >= (prev.rateDate ?? '')) this.latest.set(currency, { rate, rateDate });
    const mk = `${currency}|${day.slice(0, 7)}`;
    const m = this.monthly.get(mk) ?? { sum: 0, days: new Set<string>() };
    if (!m.days.has(day)) {
      m.days.add(day);
      m.sum += Number(rate);
    }
    this.monthly.set(mk, m);
    if (day > REFERENCE_FX.lastDay && !user) this.beyond.add(day);
  }

  /** What the conversion used; `english` writes the note's English text (shared/i18n/english.ts). */
  info(english: (s: Said) => string): DisplayInfo {
    const averages: MonthlyRate[] = [...this.monthly.entries()]
      .map(([k, m]) => {
        const [from, month] = k.split('|') as [string, string];
        return { from, to: this.currency, month, average: (m.sum / m.days.size).toFixed(6), days: m.days.size };
      })
      // Currency codes (A-Z) and months (YYYY-MM) compared as plain strings: the same order, and no collator
      // (localeCompare's first call builds one, a tenth of `report --json`'s start).
      .sort((a, b) => byText(a.from, b.from) || byText(a.month, b.month));
    const beyondReference = this.beyond.size ? { lastDay: REFERENCE_FX.lastDay, days: this.beyond.size } : null;
    const parts = averages.map((a) => {
      const [from, to, rate] = readable(a.from, a.to, Number(a.average));
      return said('engine.fx.average', { month: { month: a.month }, from, to, rate });
    });
    const note = parts.length
      ? said('engine.fx.basis', { averages: { list: parts }, beyond: beyondReference ? 'yes' : 'no', lastDay: { day: beyondReference?.lastDay ?? REFERENCE_FX.lastDay } })
      : said('engine.fx.nothing', { currency: this.currency });
    return {
      currency: this.currency,
      at: this.at,
      rates: [...this.latest.entries()].sort(([a], [b]) => byText(a, b)).map(([from, r]) => ({ from, to: this.currency, ...r })),
      missing: [...this.missing].sort(),
      basis: { kind: 'daily', averages, beyondReference, note: english(note), said: note },
    };
  }
}

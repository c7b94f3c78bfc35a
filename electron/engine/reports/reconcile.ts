/**
 * Bills vs estimates: per provider and month, and per provider, UTC day
 * and model where both a bill and usage name the model: the billed charges, the price book's estimate of
 * the usage, the delta, and what the ledger can tell about it (unpriced models, a price that changed in
 * the period, tiers, credits, tax, fees, another currency, rounding, days only one side covers).
 * Money only counts where the fact's tokens count (a finer source covers the rest), as in the totals.
 */
import type { ReconcileExplanation, ReconcileLine, ReconcileReport, ReconcileVerdict } from '../../../shared/contract/api/reconcile';
import type { MethodParsedInput } from '../../../shared/contract/methods';
import { convertOn, FxError, type FxTable } from '../../../shared/domain/fx';
import { formatAmount, type CurrencyCode } from '../../../shared/domain/money';
import type { PriceBook } from '../../../shared/domain/pricing/price-book';
import { priceRouteOf } from '../../../shared/domain/pricing/price-fact';
import type { ReadableDb } from '../ledger/db';
import { loadFxTable } from '../pricing/fx-store';
import { priceChanges } from './reconcile-prices';
import { monthsWithFacts, reconcileRows, usageRouteRows, type ReconcileRow } from './reconcile-store';
import { priceBookFor } from '../pricing/book';
import { estimateRanges, type EstimateRange } from './reconcile-ranges';
import { monthRange, unpricedSummary } from '../pricing/service';
import { unitPriceAt, type UnitPrice } from '../../../shared/domain/pricing/unit-prices';
import { said, tiersSaid, type Said, type SaidValue } from '../../../shared/i18n/said';
import { english } from '../../../shared/i18n/english';

/** An explanation as data (`said`) and, for scripts reading `--json`, its English text. */
function why(reason: ReconcileExplanation['reason'], values?: Record<string, SaidValue>): ReconcileExplanation {
  const s = said(`engine.reconcile.why.${reason}`, values);
  return { reason, text: english(s), said: s };
}

const cash = (nano: bigint, currency: string) => ({ amount: formatAmount(nano), currency });


interface Acc {
  provider: string;
  period: string;
  model: string | null;
  charges: Map<string, bigint>;
  credits: Map<string, bigint>;
  tax: Map<string, bigint>;
  fees: Map<string, bigint>;
  estimated: Map<string, bigint>;
  tokens: number;
  unpricedTokens: number;
  unpricedBilled: number;
  unpricedModels: Set<string>;
  tieredFacts: number;
  /** Non-standard service tiers of the usage. */
  tiers: Set<string>;
  /** Web searches the usage names, priced per search (a line of their own on the bill). */
  webSearches: number;
  /** Their estimate per 'day|currency'. */
  web: Map<string, bigint>;
  webPrice: UnitPrice | null;
  /** The price routes of the usage, per model (from each fact's raw id, provider, host and geo). */
  routes: Map<string, Set<string>>;
  billDays: Set<string>;
  usageDays: Set<string>;
}

const add = (m: Map<string, bigint>, c: string, v: bigint) => m.set(c, (m.get(c) ?? 0n) + v);

function newAcc(provider: string, period: string, model: string | null): Acc {
  return {
    provider,
    period,
    model,
    charges: new Map(),
    credits: new Map(),
    tax: new Map(),
    fees: new Map(),
    estimated: new Map(),
    tokens: 0,
    unpricedTokens: 0,
    unpricedBilled: 0,
    unpricedModels: new Set(),
    tieredFacts: 0,
    tiers: new Set(),
    webSearches: 0,
    web: new Map(),
    webPrice: null,
    routes: new Map(),
    billDays: new Set(),
    usageDays: new Set(),
  };
}

function feed(a: Acc, r: ReconcileRow): void {
  if (r.billed !== null && r.billed_currency) {
    const target = r.line_type === 'credit' ? a.credits : r.line_type === 'tax' ? a.tax : r.line_type === 'fee' ? a.fees : a.charges;
    add(target, `${r.day}|${r.billed_currency}`, r.billed);
    a.billDays.add(r.day);
  }
  if (r.line_type === 'usage') {
    if (r.estimated !== null && r.estimated_currency) add(a.estimated, `${r.day}|${r.estimated_currency}`, r.estimated);
    a.tokens += Number(r.tokens);
    a.unpricedTokens += Number(r.unpriced_tokens);
    a.unpricedBilled += Number(r.unpriced_billed);
    if (r.unpriced_tokens > 0n) a.unpricedModels.add(r.model ?? '(no model)');
    a.tieredFacts += Number(r.tiered);
    for (const t of r.tiers?.split(',') ?? []) a.tiers.add(t);
    const web = Number(r.web_searches);
    const price = web > 0 ? unitPriceAt(r.provider, 'web_search', r.day) : null;
    if (price) {
      a.webSearches += web;
      add(a.web, `${r.day}|${price.currency}`, BigInt(web) * price.nanoPerUnit);
      a.webPrice = price;
    }
    if (r.tokens > 0n) a.usageDays.add(r.day);
  }
}

/** Period bounds in epoch ms: a month 'YYYY-MM' or a day 'YYYY-MM-DD'. */
function bounds(period: string): [number, number] {
  if (period.length === 7) {
    const start = Date.parse(`${period}-01T00:00:00Z`);
    const d = new Date(start);
    return [start, Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)];
  }
  const start = Date.parse(`${period}T00:00:00Z`);
  return [start, start + 86_400_000];
}

/** The currencies of amounts kept per 'day|currency'. */
const currenciesOf = (m: Map<string, bigint>) => [...new Set([...m.keys()].map((k) => k.slice(k.indexOf('|') + 1)))];

/**
 * Amounts per 'day|currency' in `currency`: each day's amount at that day's rate (fx.ts convertOn, the rule
 * every report and budget converts by), never one rate for the whole period.
 */
function sumIn(m: Map<string, bigint>, currency: string, fx: FxTable, notes: Said[]): bigint | null {
  let total = 0n;
  const foreign = new Map<string, { nano: bigint; rates: Set<string>; days: string[] }>();
  for (const [k, v] of m) {
    const bar = k.indexOf('|');
    const [day, c] = [k.slice(0, bar), k.slice(bar + 1)];
    if (c === currency) {
      total += v;
      continue;
    }
    try {
      const x = convertOn({ nano: v, currency: c }, currency, day, fx);
      total += x.nano;
      const f = foreign.get(c) ?? { nano: 0n, rates: new Set<string>(), days: [] };
      f.nano += v;
      f.rates.add(x.rate);
      f.days.push(day);
      foreign.set(c, f);
    } catch (err) {
      if (err instanceof FxError) {
        notes.push(said('engine.fx.noRate', { from: c, to: currency, amount: cash(v, c) }));
        return null;
      }
      throw err;
    }
  }
  for (const [c, f] of foreign) {
    const rates = [...f.rates].sort((x, y) => Number(x) - Number(y));
    const rate = rates.length === 1 ? said('engine.fx.rateOne', { rate: rates[0]!, to: currency, from: c }) : said('engine.fx.rateRange', { low: rates[0]!, high: rates.at(-1)!, to: currency, from: c });
    notes.push(said('engine.fx.converted', { amount: cash(f.nano, c), rate, days: f.days.length }));
  }
  return total;
}

const abs = (v: bigint) => (v < 0n ? -v : v);

/** What a line's sums are, in the line's currency, and the notes of any conversion. */
interface Sums {
  currency: string;
  billed: bigint | null;
  credits: bigint | null;
  tax: bigint | null;
  fees: bigint | null;
  estimated: bigint | null;
  /** The web searches' share of `estimated` (0 when none is priced). */
  web: bigint;
  delta: bigint | null;
  fxNotes: Said[];
}

function sums(a: Acc, fx: FxTable): Sums {
  const billCurrencies = [...new Set([a.charges, a.credits, a.tax, a.fees].flatMap(currenciesOf))].sort();
  const currency = billCurrencies[0] ?? currenciesOf(a.estimated).sort()[0] ?? 'USD';
  const fxNotes: Said[] = [];
  const billed = a.charges.size ? sumIn(a.charges, currency, fx, fxNotes) : null;
  // Web searches are billed as their own line (no model): only a bill's month line compares them.
  const compareWeb = billed !== null && a.model === null && a.web.size > 0;
  const web = compareWeb ? (sumIn(a.web, currency, fx, fxNotes) ?? 0n) : 0n;
  const tokens = a.estimated.size ? sumIn(a.estimated, currency, fx, fxNotes) : null;
  const estimated = tokens === null ? null : tokens + web;
  return {
    currency,
    billed,
    credits: a.credits.size ? sumIn(a.credits, currency, fx, fxNotes) : null,
    tax: a.tax.size ? sumIn(a.tax, currency, fx, fxNotes) : null,
    fees: a.fees.size ? sumIn(a.fees, currency, fx, fxNotes) : null,
    estimated,
    web,
    delta: billed !== null && estimated !== null ? estimated - billed : null,
    fxNotes,
  };
}


/** The day-and-model lines under a month line whose estimate differs from their bill by more than half a cent. */
function modelReason(off: readonly ReconcileLine[], currency: string): ReconcileExplanation | null {
  if (!off.length) return null;
  const parts = off.map((d) =>
    said('engine.reconcile.modelPart', {
      model: d.model ?? '?',
      day: { day: d.period },
      hasTiers: d.tiers.length ? 'yes' : 'no',
      tiers: tiersSaid(d.tiers),
      estimated: { amount: d.estimated ?? '0', currency },
      billed: { amount: d.billed ?? '0', currency },
      delta: Number(d.deltaPercent),
    }),
  );
  return why('model', { parts: { list: parts } });
}

function explain(a: Acc, s: Sums, book: PriceBook, off: readonly ReconcileLine[]): ReconcileExplanation[] {
  const [from, to] = bounds(a.period);
  const ex: ReconcileExplanation[] = [];
  const hasBill = s.billed !== null;
  if (!hasBill) ex.push(why('no-bill'));
  if (a.tokens === 0) ex.push(why('no-usage'));
  if (a.unpricedTokens > 0) {
    const models = [...a.unpricedModels].sort();
    const billed = a.unpricedBilled === 0 ? 'none' : a.unpricedBilled === a.unpricedTokens ? 'all' : 'some';
    ex.push(why('unpriced', { tokens: a.unpricedTokens, count: models.length, models: models.join(', '), billed, billedTokens: a.unpricedBilled }));
  }
  if (s.web > 0n && a.webPrice) {
    ex.push(why('web-search', { searches: a.webSearches, price: a.webPrice.stated, source: a.webPrice.source, amount: cash(s.web, s.currency) }));
  }
  const changed = priceChanges(book, a.routes, [...a.estimated.keys()].map((k) => k.split('|')[1] as CurrencyCode), from, to);
  if (changed.length) ex.push(why('price-changed', { changes: { list: changed } }));
  if (a.tieredFacts > 0) {
    const tiers = [...a.tiers].sort();
    ex.push(why('tier', { facts: a.tieredFacts, hasTiers: tiers.length ? 'yes' : 'no', tiers: tiersSaid(tiers) }));
  }
  if (s.credits !== null && s.credits !== 0n) ex.push(why('credits', { amount: cash(s.credits, s.currency) }));
  if (s.tax !== null && s.tax !== 0n) ex.push(why('tax', { amount: cash(s.tax, s.currency) }));
  if (s.fees !== null && s.fees !== 0n) ex.push(why('fees', { amount: cash(s.fees, s.currency) }));
  if (s.fxNotes.length) ex.push(why('currency', { notes: { list: s.fxNotes } }));
  if (hasBill && a.tokens > 0) {
    const billOnly = [...a.billDays].filter((d) => !a.usageDays.has(d)).sort();
    const usageOnly = [...a.usageDays].filter((d) => !a.billDays.has(d)).sort();
    if (billOnly.length || usageOnly.length) {
      const parts: Said[] = [];
      if (billOnly.length) parts.push(said('engine.reconcile.billOnly', { days: billOnly.join(', ') }));
      if (usageOnly.length) parts.push(said('engine.reconcile.usageOnly', { days: usageOnly.join(', ') }));
      ex.push(why('partial-days', { parts: { list: parts } }));
    }
  }
  const byModel = modelReason(off, s.currency);
  if (byModel) ex.push(byModel);
  if (s.delta !== null && s.billed !== null && s.billed !== 0n && s.delta !== 0n && !byModel) {
    if (abs(s.delta) * 200n <= abs(s.billed) || abs(s.delta) < 5_000_000n) {
      ex.push(why('rounding'));
    } else if (!ex.some((e) => ['unpriced', 'price-changed', 'tier', 'partial-days', 'currency'].includes(e.reason))) {
      ex.push(why('unexplained'));
    }
  }
  return ex;
}

function rangeOf(a: Acc, s: Sums, range: EstimateRange | undefined, fx: FxTable): { value: ReconcileLine['estimatedRange']; explanation: ReconcileExplanation | null } {
  if (!range || s.estimated === null) return { value: null, explanation: null };
  const below = sumIn(range.below, s.currency, fx, s.fxNotes);
  const above = sumIn(range.above, s.currency, fx, s.fxNotes);
  if (below === null || above === null || (below === 0n && above === 0n)) return { value: null, explanation: null };
  const value = { low: formatAmount(s.estimated - below), high: formatAmount(s.estimated + above) };
  return {
    value,
    explanation: why('range', { facts: range.facts, low: { amount: value.low, currency: s.currency }, high: { amount: value.high, currency: s.currency } }),
  };
}

/** A line of the report; `off` are the day-and-model lines under a month line that differ from their bill. */
function finish(a: Acc, book: PriceBook, fx: FxTable, range: EstimateRange | undefined, off: readonly ReconcileLine[] = []): ReconcileLine {
  const s = sums(a, fx);
  const r = rangeOf(a, s, range, fx);
  const ex = [...(r.explanation ? [r.explanation] : []), ...explain(a, s, book, off)];
  let deltaPercent: string | null = null;
  if (s.delta !== null && s.billed !== null && s.billed !== 0n) deltaPercent = (Number((s.delta * 10_000n) / abs(s.billed)) / 100).toFixed(2); // basis points, truncated
  return {
    provider: a.provider,
    period: a.period,
    model: a.model,
    currency: s.currency,
    billed: s.billed === null ? null : formatAmount(s.billed),
    credits: s.credits === null ? null : formatAmount(s.credits),
    tax: s.tax === null ? null : formatAmount(s.tax),
    fees: s.fees === null ? null : formatAmount(s.fees),
    estimated: s.estimated === null ? null : formatAmount(s.estimated),
    estimatedRange: r.value,
    delta: s.delta === null ? null : formatAmount(s.delta),
    deltaPercent,
    withinOnePercent: s.delta === null || s.billed === null ? null : abs(s.delta) * 100n <= abs(s.billed),
    tokens: a.tokens,
    unpricedTokens: a.unpricedTokens,
    tiers: [...a.tiers].sort(),
    explanations: ex,
  };
}

export function reconcileReport(db: ReadableDb, input: MethodParsedInput<'reconcile.report'>): ReconcileReport {
  const months = monthsWithFacts(db);
  const rows = reconcileRows(db, input);
  const monthly = new Map<string, Acc>();
  const daily = new Map<string, Acc>();
  for (const r of rows) {
    const month = r.day.slice(0, 7);
    const mk = `${r.provider}|${month}`;
    let m = monthly.get(mk);
    if (!m) monthly.set(mk, (m = newAcc(r.provider, month, null)));
    feed(m, r);
    if (r.model) {
      const dk = `${r.provider}|${r.day}|${r.model}`;
      let d = daily.get(dk);
      if (!d) daily.set(dk, (d = newAcc(r.provider, r.day, r.model)));
      feed(d, r);
    }
  }
  for (const u of usageRouteRows(db, input)) {
    const route = priceRouteOf(u.model_raw, u.provider, u.host, u.inference_geo);
    for (const a of [monthly.get(`${u.provider}|${u.day.slice(0, 7)}`), daily.get(`${u.provider}|${u.day}|${u.model}`)]) {
      if (!a) continue;
      let set = a.routes.get(u.model);
      if (!set) a.routes.set(u.model, (set = new Set()));
      set.add(route);
    }
  }
  const book = priceBookFor(db);
  const fx = loadFxTable(db);
  const ranges = estimateRanges(db, input, book);
  const details = [...daily.values()]
    .filter((a) => a.charges.size > 0 && a.estimated.size > 0)
    .map((a) => finish(a, book, fx, ranges.get(`${a.provider}|${a.period}|${a.model}`)))
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.period.localeCompare(b.period) || (a.model ?? '').localeCompare(b.model ?? ''));
  const offOf = (a: Acc) => details.filter((d) => d.provider === a.provider && d.period.startsWith(a.period) && d.delta !== null && halfCentOff(d));
  const lines = [...monthly.values()]
    .map((a) => finish(a, book, fx, ranges.get(`${a.provider}|${a.period}`), offOf(a)))
    .sort((a, b) => b.period.localeCompare(a.period) || a.provider.localeCompare(b.provider));
  return { month: input.month ?? null, months, verdict: verdictOf(lines), lines, details, unpriced: unpricedSummary(db, book, monthRange(input.month)) };
}

/** A day-and-model line whose estimate and bill differ by more than 0.5 % or half a cent. */
function halfCentOff(d: ReconcileLine): boolean {
  const delta = Math.abs(Number(d.delta));
  return delta >= 0.005 || (d.billed !== null && delta * 200 > Math.abs(Number(d.billed)));
}
/** The answer at a glance: how many bills are within 1 % of the estimate, and which are not. */
export function verdictOf(lines: readonly ReconcileLine[]): ReconcileVerdict {
  const compared = lines.filter((l) => l.withinOnePercent !== null);
  const off = compared.filter((l) => !l.withinOnePercent);
  const n = compared.length;
  const offList = off.map((l) => said('engine.reconcile.verdict.off', { provider: l.provider, period: l.period.length === 7 ? { month: l.period } : { day: l.period }, delta: Number(l.deltaPercent) }));
  const verdict =
    n === 0 ? said('engine.reconcile.verdict.none') : said('engine.reconcile.verdict.within', { within: n - off.length, bills: n, offCount: off.length, off: { list: offList } });
  const sign = said('engine.reconcile.sign');
  return { bills: n, within: n - off.length, text: english(verdict), sign: english(sign), said: verdict, signSaid: sign };
}

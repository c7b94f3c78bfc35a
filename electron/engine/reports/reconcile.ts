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
import { familyOf } from '../../../shared/domain/models';
import { formatAmount } from '../../../shared/domain/money';
import { parseInstant, type PriceBook } from '../../../shared/domain/pricing/price-book';
import type { ReadableDb } from '../ledger/db';
import { loadFxTable } from '../pricing/fx-store';
import { monthsWithFacts, reconcileRows, type ReconcileRow } from './reconcile-store';
import { priceBookFor } from '../pricing/book';
import { estimateRanges, type EstimateRange } from './reconcile-ranges';
import { unpricedSummary } from '../pricing/service';


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
  unpricedModels: Set<string>;
  tieredFacts: number;
  models: Set<string>;
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
    unpricedModels: new Set(),
    tieredFacts: 0,
    models: new Set(),
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
    if (r.unpriced_tokens > 0n) a.unpricedModels.add(r.model ?? '(no model)');
    a.tieredFacts += Number(r.tiered);
    if (r.tokens > 0n) a.usageDays.add(r.day);
    if (r.model) a.models.add(r.model);
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
function sumIn(m: Map<string, bigint>, currency: string, fx: FxTable, notes: string[]): bigint | null {
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
        notes.push(`no FX rate from ${c} to ${currency}: ${formatAmount(v)} ${c} left out`);
        return null;
      }
      throw err;
    }
  }
  for (const [c, f] of foreign) {
    const rates = [...f.rates].sort((x, y) => Number(x) - Number(y));
    const rate = rates.length === 1 ? `${rates[0]} ${currency} per ${c}` : `${rates[0]} to ${rates.at(-1)} ${currency} per ${c}`;
    notes.push(`${formatAmount(f.nano)} ${c} converted at each day's rate (${rate}, ${f.days.length} ${f.days.length === 1 ? 'day' : 'days'})`);
  }
  return total;
}

function priceChanges(book: PriceBook, models: Iterable<string>, from: number, to: number): string[] {
  const out = new Set<string>();
  const ids = new Set<string>();
  for (const m of models) {
    ids.add(m);
    ids.add(familyOf(m));
  }
  for (const e of book.entries) {
    if (!ids.has(e.model)) continue;
    const t = parseInstant(e.effectiveFrom);
    if (t > from && t < to) out.add(`${e.model} (${e.route}, ${e.currency}) from ${e.effectiveFrom}`);
  }
  return [...out].sort();
}

const abs = (v: bigint) => (v < 0n ? -v : v);

function finish(a: Acc, book: PriceBook, fx: FxTable, range: EstimateRange | undefined): ReconcileLine {
  const [from, to] = bounds(a.period);
  const billCurrencies = [...new Set([a.charges, a.credits, a.tax, a.fees].flatMap(currenciesOf))].sort();
  const currency = billCurrencies[0] ?? currenciesOf(a.estimated).sort()[0] ?? 'USD';
  const fxNotes: string[] = [];
  const hasBill = a.charges.size > 0;
  const billed = hasBill ? sumIn(a.charges, currency, fx, fxNotes) : null;
  const credits = a.credits.size ? sumIn(a.credits, currency, fx, fxNotes) : null;
  const tax = a.tax.size ? sumIn(a.tax, currency, fx, fxNotes) : null;
  const fees = a.fees.size ? sumIn(a.fees, currency, fx, fxNotes) : null;
  const estimated = a.estimated.size ? sumIn(a.estimated, currency, fx, fxNotes) : null;
  const delta = billed !== null && estimated !== null ? estimated - billed : null;
  const ex: ReconcileExplanation[] = [];
  let estimatedRange: ReconcileLine['estimatedRange'] = null;
  if (range && estimated !== null) {
    const below = sumIn(range.below, currency, fx, fxNotes);
    const above = sumIn(range.above, currency, fx, fxNotes);
    if (below !== null && above !== null && (below !== 0n || above !== 0n)) {
      estimatedRange = { low: formatAmount(estimated - below), high: formatAmount(estimated + above) };
      ex.push({
        reason: 'range',
        text: `${range.facts} usage ${range.facts === 1 ? 'fact aggregates' : 'facts aggregate'} requests whose price depends on each request's size: estimated at the band of the average request; any split of the requests gives ${estimatedRange.low} to ${estimatedRange.high} ${currency}.`,
      });
    }
  }
  if (!hasBill) ex.push({ reason: 'no-bill', text: 'No bill in the ledger for this key: the estimate is the spend.' });
  if (a.tokens === 0) ex.push({ reason: 'no-usage', text: 'No token usage in the ledger for this key: nothing to estimate from.' });
  if (a.unpricedTokens > 0) {
    const models = [...a.unpricedModels].sort();
    ex.push({
      reason: 'unpriced',
      text: `${a.unpricedTokens.toLocaleString('en-US')} tokens on ${models.length} ${models.length === 1 ? 'model has' : 'models have'} no price (${models.join(', ')}): the estimate leaves them out.`,
    });
  }
  const changed = priceChanges(book, a.models, from, to);
  if (changed.length) ex.push({ reason: 'price-changed', text: `A price changed inside the period: ${changed.join('; ')}.` });
  if (a.tieredFacts > 0) ex.push({ reason: 'tier', text: `${a.tieredFacts} usage facts are on a batch, priority, flex or long-context tier.` });
  if (credits !== null && credits !== 0n) ex.push({ reason: 'credits', text: `Credits of ${formatAmount(credits)} ${currency} are billed apart (not in the charges compared).` });
  if (tax !== null && tax !== 0n) ex.push({ reason: 'tax', text: `Tax of ${formatAmount(tax)} ${currency} is billed apart (not in the charges compared).` });
  if (fees !== null && fees !== 0n) ex.push({ reason: 'fees', text: `Fees of ${formatAmount(fees)} ${currency} are billed apart.` });
  if (fxNotes.length) ex.push({ reason: 'currency', text: `Another currency: ${fxNotes.join('; ')}.` });
  if (hasBill && a.tokens > 0) {
    const billOnly = [...a.billDays].filter((d) => !a.usageDays.has(d)).sort();
    const usageOnly = [...a.usageDays].filter((d) => !a.billDays.has(d)).sort();
    if (billOnly.length || usageOnly.length) {
      const parts = [];
      if (billOnly.length) parts.push(`billed days with no usage: ${billOnly.join(', ')}`);
      if (usageOnly.length) parts.push(`usage days with no bill: ${usageOnly.join(', ')}`);
      ex.push({ reason: 'partial-days', text: `The two sides cover different days (${parts.join('; ')}).` });
    }
  }
  let deltaPercent: string | null = null;
  if (delta !== null && billed !== null && billed !== 0n) {
    const bp = (delta * 10_000n) / abs(billed); // basis points, truncated
    deltaPercent = (Number(bp) / 100).toFixed(2);
    const withinHalfPercent = abs(delta) * 200n <= abs(billed);
    if (delta !== 0n && (withinHalfPercent || abs(delta) < 5_000_000n)) {
      ex.push({ reason: 'rounding', text: 'Within 0.5 % (or half a cent): rounding of the per-request or per-line amounts.' });
    } else if (delta !== 0n && !ex.some((e) => ['unpriced', 'price-changed', 'tier', 'partial-days', 'currency'].includes(e.reason))) {
      ex.push({ reason: 'unexplained', text: 'Not explained by the ledger: compare the price book for these models with the bill (negotiated prices can be added as overrides).' });
    }
  }
  return {
    provider: a.provider,
    period: a.period,
    model: a.model,
    currency,
    billed: billed === null ? null : formatAmount(billed),
    credits: credits === null ? null : formatAmount(credits),
    tax: tax === null ? null : formatAmount(tax),
    fees: fees === null ? null : formatAmount(fees),
    estimated: estimated === null ? null : formatAmount(estimated),
    estimatedRange,
    delta: delta === null ? null : formatAmount(delta),
    deltaPercent,
    withinOnePercent: delta === null || billed === null ? null : abs(delta) * 100n <= abs(billed),
    tokens: a.tokens,
    unpricedTokens: a.unpricedTokens,
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
  const book = priceBookFor(db);
  const fx = loadFxTable(db);
  const ranges = estimateRanges(db, input, book);
  const lines = [...monthly.values()].map((a) => finish(a, book, fx, ranges.get(`${a.provider}|${a.period}`))).sort((a, b) => b.period.localeCompare(a.period) || a.provider.localeCompare(b.provider));
  const details = [...daily.values()]
    .filter((a) => a.charges.size > 0 && a.estimated.size > 0)
    .map((a) => finish(a, book, fx, ranges.get(`${a.provider}|${a.period}|${a.model}`)))
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.period.localeCompare(b.period) || (a.model ?? '').localeCompare(b.model ?? ''));
  return { month: input.month ?? null, months, verdict: verdictOf(lines), lines, details, unpriced: unpricedSummary(db, book) };
}

/** The answer at a glance: how many bills are within 1 % of the estimate, and which are not. */
export function verdictOf(lines: readonly ReconcileLine[]): ReconcileVerdict {
  const compared = lines.filter((l) => l.withinOnePercent !== null);
  const off = compared.filter((l) => !l.withinOnePercent);
  const n = compared.length;
  let text = n === 0 ? 'No bill to compare: import a cost export and the usage of the same vendor.' : `${n - off.length} of ${n} ${n === 1 ? 'bill' : 'bills'} within 1 % of the estimate`;
  if (off.length) text += `; off by more: ${off.map((l) => `${l.provider} ${l.period} (${Number(l.deltaPercent) > 0 ? '+' : ''}${l.deltaPercent} %)`).join(', ')}`;
  return {
    bills: n,
    within: n - off.length,
    text: n === 0 ? text : `${text}.`,
    sign: 'Delta = estimate - billed: negative when the bill is above the price book, positive when below.',
  };
}

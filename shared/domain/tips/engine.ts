/**
 * The tips engine: runs every rule over one prepared input, prices each candidate alone and in
 * combination, and totals the savings without double counting.
 *
 * Overlaps. Two tips can act on the same spend (cache the prompts of a model AND move it to a cheaper
 * sibling). Savings combine per cell (provider x model x route x tier x project x key x member x currency)
 * in the fixed order of TIP_RULES: price-change, right-sizing, deployment, caching, prompt-bloat,
 * reasoning-share, batch, off-peak (region-mix only informs). Each tip's `combinedSaving` is what it saves
 * on what the tips before it left: the cell's what-if after the earlier transforms is priced before and
 * after this one. So the combined total is cost(now) - cost(all tips applied), never the sum of the
 * stand-alone savings, and per cell it is capped at the cell's spend (its own bill where it has one, else
 * the book's estimate). Dismissed tips drop out of the chain: the ones after them are recomputed.
 */
import { formatAmount, parseDecimalToNano } from '../money';
import { convert } from '../fx';
import { costOfParts, partsOf, type PartsCost, type PriceUsed } from './cost';
import { TIP_RULES, type AggregateEvidence, type Candidate, type Part, type TipCell, type TipInput, type TipRule, type TipRuleId } from './types';
import { RULES } from './rules';
import { displayName } from '../names';
import { said, type Said } from '../../i18n/said';
import { english } from '../../i18n/english';

export type Amounts = Record<string, string>;

export interface TipResult {
  id: string;
  rule: TipRuleId;
  /** In English (kept for scripts reading `--json`): `said` rendered with the English catalog. */
  ruleTitle: string;
  title: string;
  summary: string;
  /** What the window and the CLI show, in their locale: message ids and typed values. */
  /** `formulas`: the rule's arithmetic lines as messages. */
  said: { ruleTitle: Said; title: Said; summary: Said; assumptions: Said[]; formulas: Said[] };
  /** What this tip saves on its own over the period, per currency. */
  saving: Amounts;
  /** What it adds on top of the tips before it (fixed rule order, dismissed ones left out). */
  combinedSaving: Amounts;
  /** Money a change costs you (a price rise): not a saving. */
  impact: Amounts | null;
  dismissed: boolean;
  evidence: {
    factIds: number[];
    factCount: number;
    aggregates: AggregateEvidence[];
    prices: PriceUsed[];
    /** The rule's formulas, then each cell's saving in English. */
    arithmetic: string[];
    /** Each cell's saving (the last lines of `arithmetic`) as messages. */
    savings: Said[];
  };
  assumptions: string[];
}

export interface TipsOutcome {
  tips: TipResult[];
  /** Savings of the tips not dismissed, combined without double counting. */
  totalSaving: Amounts;
  /** The plain sum of stand-alone savings, shown only to explain why the total is smaller. */
  standaloneSum: Amounts;
  rulesFired: TipRuleId[];
  overlapPolicy: string;
}


const order = (r: TipRuleId) => TIP_RULES.indexOf(r);

function amounts(m: Map<string, bigint>): Amounts {
  const out: Amounts = {};
  for (const [c, n] of [...m.entries()].sort(([a], [b]) => a.localeCompare(b))) if (n !== 0n) out[c] = formatAmount(n);
  return out;
}

function add(m: Map<string, bigint>, c: string, n: bigint): void {
  m.set(c, (m.get(c) ?? 0n) + n);
}

interface Priced {
  cand: Candidate;
  saving: Map<string, bigint>;
  prices: PriceUsed[];
  lines: Said[];
}

function label(cell: TipCell): Said {
  const shown = (dim: string, id: string | null, what: 'project' | 'key' | 'member') => (id ? [said(`engine.who.${what}`, { name: displayName(cell.names, dim, id) })] : []);
  const who = [...shown('project', cell.project, 'project'), ...shown('api_key', cell.apiKey, 'key'), ...shown('member', cell.member, 'member')];
  return said('engine.tips.cell', { provider: cell.provider, model: cell.model ?? cell.modelRaw ?? '?', route: cell.route, tier: cell.serviceTier, tierName: said('engine.tier', { tier: cell.serviceTier }), hasWho: who.length ? 'yes' : 'no', who: { list: who } });
}

/** Each candidate's stand-alone saving: its transform applied to each of its cells alone, at book prices. */
function priceCandidates(candidates: readonly Candidate[], cells: ReadonlyMap<string, TipCell>, input: TipInput): Priced[] {
  const priced: Priced[] = [];
  for (const cand of candidates) {
    const saving = new Map<string, bigint>();
    const prices: PriceUsed[] = [];
    const lines: Said[] = [];
    if (cand.transform) {
      for (const key of cand.cellKeys) {
        const cell = cells.get(key);
        if (!cell) continue;
        const before = partsOf(cell);
        const after = cand.transform(cell, before);
        if (!after) continue;
        const a = costOfParts(before, input.book, cell.currency);
        const b = costOfParts(after, input.book, cell.currency);
        if (!a || !b || b.currency !== a.currency || b.nano >= a.nano) continue;
        add(saving, a.currency, a.nano - b.nano);
        pushPrices(prices, a, b);
        const cash = (nano: bigint) => ({ amount: formatAmount(nano), currency: a.currency });
        lines.push(said('engine.tips.cellSaving', { cell: label(cell), now: cash(a.nano), after: cash(b.nano), saving: cash(a.nano - b.nano) }));
      }
      if (saving.size === 0) continue; // a saving rule that saves nothing is no tip
    }
    priced.push({ cand, saving, prices, lines });
  }
  return priced;
}

/**
 * Each tip's saving after the tips before it: fixed rule order, then by id (deterministic), dismissed tips
 * left out; a cell never saves more than it cost (its bill, when it has one below the book's price).
 */
function combinedSavings(priced: readonly Priced[], cells: ReadonlyMap<string, TipCell>, input: TipInput, dismissed: ReadonlySet<string>): Map<string, Map<string, bigint>> {
  const chainOrder = [...priced].sort((x, y) => order(x.cand.rule) - order(y.cand.rule) || x.cand.id.localeCompare(y.cand.id));
  const state = new Map<string, Part[]>();
  const saved = new Map<string, bigint>(); // per cell, cumulative
  const combined = new Map<string, Map<string, bigint>>();
  for (const p of chainOrder) {
    const inc = new Map<string, bigint>();
    combined.set(p.cand.id, inc);
    if (!p.cand.transform || dismissed.has(p.cand.id)) continue;
    for (const key of p.cand.cellKeys) {
      const cell = cells.get(key);
      if (!cell) continue;
      const current = state.get(key) ?? partsOf(cell);
      const next = p.cand.transform(cell, current);
      if (!next) continue;
      const a = costOfParts(current, input.book, cell.currency);
      const b = costOfParts(next, input.book, cell.currency);
      if (!a || !b || b.currency !== a.currency || b.nano >= a.nano) continue;
      const base = costOfParts(partsOf(cell), input.book, cell.currency)!;
      const cap = cell.billedNano !== null && cell.currency === base.currency && cell.billedNano < base.nano ? cell.billedNano : base.nano;
      const already = saved.get(key) ?? 0n;
      const d = a.nano - b.nano;
      const allowed = d + already > cap ? (cap - already > 0n ? cap - already : 0n) : d;
      state.set(key, next);
      saved.set(key, already + allowed);
      add(inc, a.currency, allowed);
    }
  }
  return combined;
}

/** A priced candidate as the tip the user reads, with its evidence. */
function tipOf(p: Priced, cells: ReadonlyMap<string, TipCell>, combined: ReadonlyMap<string, Map<string, bigint>>, rules: readonly TipRule[], dismissed: ReadonlySet<string>): TipResult {
  const factIds = new Set<number>();
  let factCount = 0;
  for (const key of p.cand.cellKeys) {
    const cell = cells.get(key);
    if (!cell) continue;
    factCount += cell.factCount;
    for (const id of cell.factIds) if (factIds.size < 200) factIds.add(id);
  }
  const ruleTitle = said(`engine.tips.rule.${p.cand.rule}`);
  return {
    id: p.cand.id,
    rule: p.cand.rule,
    ruleTitle: rules.find((r) => r.id === p.cand.rule) ? english(ruleTitle) : p.cand.rule,
    title: english(p.cand.title),
    summary: english(p.cand.summary),
    said: { ruleTitle, title: p.cand.title, summary: p.cand.summary, assumptions: p.cand.assumptions, formulas: p.cand.arithmetic },
    saving: amounts(p.saving),
    combinedSaving: amounts(combined.get(p.cand.id) ?? new Map()),
    impact: p.cand.impact ? amounts(p.cand.impact) : null,
    dismissed: dismissed.has(p.cand.id),
    evidence: {
      factIds: [...factIds].sort((a, b) => a - b),
      factCount,
      aggregates: p.cand.aggregates,
      prices: p.prices,
      arithmetic: [...p.cand.arithmetic.map(english), ...p.lines.map(english)],
      savings: p.lines,
    },
    assumptions: p.cand.assumptions.map(english),
  };
}

export function runTips(input: TipInput, opts: { dismissed?: ReadonlySet<string>; rules?: readonly TipRule[] } = {}): TipsOutcome {
  const dismissed = opts.dismissed ?? new Set<string>();
  const rules = opts.rules ?? RULES;
  const cells = new Map(input.cells.map((c) => [c.key, c]));
  const priced = priceCandidates(rules.flatMap((r) => r.detect(input)), cells, input);
  const combined = combinedSavings(priced, cells, input, dismissed);

  const total = new Map<string, bigint>();
  const plain = new Map<string, bigint>();
  for (const p of priced) {
    if (dismissed.has(p.cand.id)) continue;
    for (const [c, n] of combined.get(p.cand.id) ?? []) add(total, c, n);
    for (const [c, n] of p.saving) add(plain, c, n);
  }

  const tips = priced.map((p) => tipOf(p, cells, combined, rules, dismissed));
  const at = input.period.start;
  const weight = (t: TipResult): bigint => {
    let n = 0n;
    for (const [c, v] of Object.entries(Object.keys(t.saving).length ? t.saving : (t.impact ?? {}))) n += toUsd(v, c, at);
    return n;
  };
  tips.sort(
    (a, b) =>
      Number(a.dismissed) - Number(b.dismissed) ||
      Number(Object.keys(b.saving).length > 0) - Number(Object.keys(a.saving).length > 0) ||
      cmp(weight(b), weight(a)) ||
      a.id.localeCompare(b.id),
  );
  return {
    tips,
    totalSaving: amounts(total),
    standaloneSum: amounts(plain),
    rulesFired: [...new Set(tips.map((t) => t.rule))].sort((a, b) => order(a) - order(b)),
    overlapPolicy: english(said('engine.tips.overlap')),
  };
}

function cmp(a: bigint, b: bigint): number {
  return a > b ? 1 : a < b ? -1 : 0;
}

/** Only to rank tips of different currencies (shown amounts stay in their own currency). */
function toUsd(amount: string, currency: string, at: number): bigint {
  const nano = parseDecimalToNano(amount);
  try {
    return convert({ nano, currency }, 'USD', at).nano;
  } catch {
    return nano;
  }
}

function pushPrices(into: PriceUsed[], ...costs: PartsCost[]): void {
  for (const c of costs)
    for (const p of c.prices)
      if (!into.some((q) => q.model === p.model && q.route === p.route && q.currency === p.currency && q.effectiveFrom === p.effectiveFrom && q.applied.join() === p.applied.join()))
        into.push(p);
}

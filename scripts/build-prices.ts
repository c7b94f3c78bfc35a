/**
 * Generate the built-in catalog and price book from the pricing reference folder.
 *   node --import tsx scripts/build-prices.ts [referenceDir]
 * referenceDir defaults to ../shared/reference/pricing (relative to the repo), falling back to the
 * repo's own copies in data/pricing/ (CSV copies + a filtered LiteLLM JSON) so the repo can regenerate alone.
 * The repo's own data (data/pricing/corrections.json, vendors-extra.csv) is applied on top of the reference.
 * Outputs (deterministic, sorted, one entry per line): shared/domain/catalog-data.json,
 * shared/domain/pricing/builtin-book.json, and refreshes data/pricing/.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(repo, 'data/pricing');
const refArg = process.argv[2] ?? join(repo, '../shared/reference/pricing');
const ref = existsSync(join(refArg, 'price_history.csv')) ? resolve(refArg) : dataDir;
const SNAPSHOT = '2026-07-24'; // LiteLLM snapshot date (README.md of the reference folder)
const OPENROUTER_LOADED = '2026-08-01'; // the date the OpenRouter /api/v1/models copy was taken (reference README)
const CSVS = ['price_history.csv', 'cn_prices_cny.csv', 'vendors.csv', 'fx_cny_usd_reference.csv', 'model_route_examples.csv'];
const CURATED_CHECKED = '2026-08-01';

type Row = Record<string, string>;
const csv = (path: string): Row[] => Papa.parse<Row>(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
const refCsv = (file: string) => csv(join(ref, file));

// 0. Keep the repo's copies current.
if (ref !== dataDir) {
  for (const f of CSVS) copyFileSync(join(ref, f), join(dataDir, f));
  if (existsSync(join(ref, 'openrouter_models_sample.json'))) copyFileSync(join(ref, 'openrouter_models_sample.json'), join(dataDir, 'openrouter_models_sample.json'));
}

// 1. LiteLLM: the full file from the reference folder, else the repo's filtered copy (token-priced chat,
// embedding and image models, tiered-only entries included).
const litellmPath = existsSync(join(ref, 'litellm_model_prices.json')) ? join(ref, 'litellm_model_prices.json') : join(dataDir, 'litellm-chat-prices.json');
const litellmAll = JSON.parse(readFileSync(litellmPath, 'utf8')) as Record<string, Record<string, unknown>>;
const litellm: Record<string, Record<string, unknown>> = {};
for (const k of Object.keys(litellmAll).sort()) {
  const v = litellmAll[k]!;
  const priced = typeof v.input_cost_per_token === 'number' || Array.isArray(v.tiered_pricing);
  if (!(v.mode === 'chat' || ((v.mode === 'embedding' || v.mode === 'image_generation') && priced))) continue;
  if (v.mode === 'chat' && !priced) continue;
  const keep: Record<string, unknown> = {};
  for (const f of Object.keys(v).sort()) if (f === 'litellm_provider' || f === 'mode' || f === 'source' || f === 'tiered_pricing' || /cost/.test(f)) keep[f] = v[f];
  litellm[k] = keep;
}
writeFileSync(join(dataDir, 'litellm-chat-prices.json'), '{\n' + Object.entries(litellm).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n') + '\n}\n');

// 2. catalog-data.json: vendors (reference list + the repo's additions), LiteLLM provider names, OpenAI snapshot dates (for Azure "0513" meters),
//    and which alias each snapshot was served under when.
const vendorRows = [...refCsv('vendors.csv'), ...csv(join(dataDir, 'vendors-extra.csv'))];
const vendors = vendorRows
  .map((r) => ({ id: r.vendor_id!, displayName: r.display_name!, country: r.headquarters_country!, region: r.region! }))
  .filter((v, i, a) => a.findIndex((w) => w.id === v.id) === i)
  .sort((a, b) => a.id.localeCompare(b.id));
// Provider names and snapshot dates come from the whole LiteLLM file; the repo keeps them beside its filtered copy.
const catalogFromLitellm = join(dataDir, 'litellm-catalog.json');
let providers: string[];
let snapshots: Record<string, string> = {};
if (litellmPath === join(dataDir, 'litellm-chat-prices.json') && existsSync(catalogFromLitellm)) {
  ({ providers, snapshots } = JSON.parse(readFileSync(catalogFromLitellm, 'utf8')) as { providers: string[]; snapshots: Record<string, string> });
} else {
  providers = [...new Set(Object.values(litellmAll).map((v) => String(v.litellm_provider ?? '')).filter(Boolean))].sort();
  for (const k of Object.keys(litellmAll).sort()) {
    const m = /^(?:azure\/)?(gpt-[\w.-]+?|o\d[\w-]*?)-(\d{4})-(\d{2})-(\d{2})$/.exec(k);
    if (m) snapshots[`${m[1]}@${m[3]}${m[4]}`] ??= `${m[2]}-${m[3]}-${m[4]}`;
  }
  writeFileSync(catalogFromLitellm, JSON.stringify({ providers, snapshots }, null, 1) + '\n');
}
// The id each dated snapshot (or moving vendor alias) was served under, and when (data/pricing/served-aliases.csv).
const servedAliases = csv(join(dataDir, 'served-aliases.csv'))
  .map((r) => ({ model: r.model!, servedId: r.served_id!, from: r.from!, until: r.until || null }))
  .sort((a, b) => a.servedId.localeCompare(b.servedId) || a.from.localeCompare(b.from));
const catalog = { vendors, litellmProviders: providers, knownSnapshots: snapshots, servedAliases };
writeFileSync(join(repo, 'shared/domain/catalog-data.json'), JSON.stringify(catalog, null, 1) + '\n');

// The domain modules import catalog-data.json, so load them after writing it.
const { resolveModel } = await import('../shared/domain/models');
const { loadLiteLlmPrices, loadOpenRouterPrices, sortEntries } = await import('../shared/domain/pricing/sources');
const { parsePriceBook, parseInstant } = await import('../shared/domain/pricing/price-book');
const { mulDecimalStrings, compareDecimal } = await import('../shared/domain/decimal');
type PriceEntry = import('../shared/domain/pricing/price-book').PriceEntry;
type TokenPrices = import('../shared/domain/pricing/price-book').TokenPrices;
type Tiers = NonNullable<PriceEntry['tiers']>;

// 3. Reviewed corrections (data/pricing/corrections.json).
interface Correction {
  id: string;
  op: 'dropKey' | 'patch' | 'add' | 'alias';
  why: string;
  source: string;
  key?: string;
  model?: string;
  route?: string;
  currency?: string;
  from?: string;
  expect?: { prices?: TokenPrices; longContext?: TokenPrices; tiers?: { priority?: { prices?: TokenPrices } } };
  set?: { prices?: TokenPrices; longContext?: TokenPrices };
  unset?: { prices?: string[]; longContext?: string[]; tiers?: string[] };
  entry?: Omit<PriceEntry, 'origin' | 'source' | 'checkedOn'>;
  as?: string;
  routes?: string[];
  to?: string;
  evidence?: string;
}
const correctionsFile = JSON.parse(readFileSync(join(dataDir, 'corrections.json'), 'utf8')) as { checkedOn: string; corrections: Correction[] };
const corrections = correctionsFile.corrections;
const CHECKED = correctionsFile.checkedOn;
for (const c of corrections) if (!c.id || !c.source || !c.why) throw new Error(`correction ${c.id ?? '?'} lacks an id, a source or a why`);
const droppedKeys = new Set(corrections.filter((c) => c.op === 'dropKey').map((c) => c.key!));
for (const k of droppedKeys) if (!litellm[k]) throw new Error(`correction dropKey ${k}: LiteLLM has no such key any more (review the correction)`);
const litellmKept = Object.fromEntries(Object.entries(litellm).filter(([k]) => !droppedKeys.has(k)));

// 4. LiteLLM entries (effective since an unknown date: the earliest we know is this snapshot's price).
const lit = loadLiteLlmPrices(litellmKept, { checkedOn: SNAPSHOT, effectiveFrom: '2000-01-01', source: `LiteLLM model_prices_and_context_window.json (${SNAPSHOT})` });
const dropped: string[] = [];
const CLAUDE_45 = /^claude-(opus|sonnet|haiku)-(4-[5-9]|[5-9])/;
let litEntries = lit.entries.filter((e) => {
  const bad = ['input', 'output'].some((c) => Number(e.prices[c as 'input'] ?? 0) > 1000);
  if (bad) dropped.push(`${e.model} ${e.route}`);
  return !bad;
});
// Claude 4.5+ on Bedrock in-region ids carry the +10 % regional premium (Anthropic: regional endpoints +10 % from
// Sonnet 4.5; genai-prices aws.yml `regional.*`). LiteLLM's in-region keys have the global price: leave them out so
// the uplift rule prices the route from the global one.
const inRegionDropped: string[] = [];
litEntries = litEntries.filter((e) => {
  if (!CLAUDE_45.test(e.model) || !(e.route === 'bedrock' || e.route.startsWith('bedrock@'))) return true;
  const global = litEntries.find((g) => g.model === e.model && (g.route === 'bedrock-global' || g.route === 'direct'));
  if (global && global.prices.input === e.prices.input) {
    inRegionDropped.push(`${e.model} ${e.route}`);
    return false;
  }
  return true;
});

// 5. Effective-dated history (price_history.csv) and CNY lists (cn_prices_cny.csv).
const EXACT_TIMES: Record<string, string> = {
  // DeepSeek changes take effect at 16:00 UTC (00:00 Beijing next day), per the vendor notices.
  'deepseek-chat|2025-02-08': '2025-02-08T16:00:00Z',
  'deepseek-chat|2025-09-05': '2025-09-05T16:00:00Z',
  'deepseek-reasoner|2025-09-05': '2025-09-05T16:00:00Z',
};
const hist: PriceEntry[] = [];
const offPeak: Array<{ model: string; currency: string; from: string; prices: PriceEntry['prices'] }> = [];
const longCtx: Array<{ model: string; currency: string; from: string; prices: PriceEntry['prices']; source: string }> = [];
const canon = (raw: string, vendor: string): string => resolveModel(raw, { provider: vendor === 'alibaba' ? 'dashscope' : vendor === 'google' ? 'gemini' : vendor })?.model ?? raw.toLowerCase();
const num = (s: string | undefined): string | undefined => (s && s.trim() !== '' ? String(s).trim() : undefined);
const prices = (r: Row): PriceEntry['prices'] => {
  const p: PriceEntry['prices'] = { input: num(r.input_per_mtok)!, output: num(r.output_per_mtok)! };
  const cr = num(r.cached_input_per_mtok);
  const cw = num(r.cache_write_per_mtok);
  if (cr) p.cache_read = cr;
  if (cw) p.cache_write_5m = cw;
  return p;
};
for (const r of refCsv('price_history.csv')) {
  const m = /^(.*?)(?:\s*\((.*)\))?$/.exec(r.model!.trim())!;
  const model = canon(m[1]!, r.vendor!);
  const qual = m[2] ?? '';
  const from = EXACT_TIMES[`${model}|${r.effective_from}`] ?? r.effective_from!;
  if (/off-peak/.test(qual)) {
    offPeak.push({ model, currency: r.currency!, from: '2025-02-26T16:30:00Z', prices: prices(r) });
    continue;
  }
  if (/prompt >200K/.test(qual)) {
    longCtx.push({ model, currency: r.currency!, from, prices: prices(r), source: r.source! });
    continue;
  }
  const entry: PriceEntry = {
    model, route: 'direct', currency: r.currency!, effectiveFrom: from, prices: prices(r), origin: 'builtin',
    source: r.source!, checkedOn: CURATED_CHECKED, evidence: r.evidence!, ...(r.notes ? { notes: `${qual ? qual + '; ' : ''}${r.notes}` } : qual ? { notes: qual } : {}),
  };
  const lc = /^>(\d+)K: ([\d.]+)\/([\d.]+)/.exec(r.notes ?? '');
  if (lc) entry.tiers = { longContext: [{ aboveInputTokens: Number(lc[1]) * 1000, prices: { input: lc[2]!, output: lc[3]! } }] };
  hist.push(entry);
  // "same for deepseek-reasoner" notes on CNY rows that have no reasoner row of their own.
  if (model === 'deepseek-chat' && r.currency === 'CNY' && /same for deepseek-reasoner/.test(r.notes ?? ''))
    hist.push({ ...entry, model: 'deepseek-reasoner', notes: `copied from deepseek-chat (${r.notes})` });
}

/**
 * cn_prices_cny.csv tier notes (lobe-chat model-bank notation, token ranges in MILLIONS): per class, bands of prompt
 * length, each optionally split by output length ("_[0, 0.0002]") or thinking mode ("_[true]").
 */
interface TierItem { lo: number; outLo: number | null; thinking: boolean | null; price: string }
function parseTierNotes(notes: string): Record<string, TierItem[]> | null {
  const out: Record<string, TierItem[]> = {};
  const mil = (s: string) => (s.trim() === 'infinity' ? Number.POSITIVE_INFINITY : Math.round(Number(s) * 1e6));
  for (const m of notes.matchAll(/(input|output|cache_read): ([^;]+)/g)) {
    const items: TierItem[] = [];
    let prevHi = 0;
    for (const part of m[2]!.split('|').map((p) => p.trim())) {
      const at = /^([\d.]+)@<=([\w.]+)$/.exec(part);
      if (at) {
        items.push({ lo: prevHi, outLo: null, thinking: null, price: at[1]! });
        prevHi = mil(at[2]!);
        continue;
      }
      const br = /^\[([\d.]+), ([\w.]+)\](?:_\[([\w., ]+)\])?:([\d.]+)$/.exec(part);
      if (!br) return null;
      const q = br[3]?.trim();
      const sub = q && /^[\d.]+, [\w.]+$/.test(q) ? q.split(',').map((x) => x.trim()) : null;
      items.push({
        lo: mil(br[1]!),
        outLo: sub && !(sub[0] === '0' && sub[1] === 'infinity') ? mil(sub[0]!) : null,
        thinking: q === 'true' ? true : q === 'false' ? false : null,
        price: br[4]!,
      });
    }
    out[m[1]!] = items;
  }
  return Object.keys(out).length ? out : null;
}

/** Tiers (and base prices) of a cn_prices row from its tier notes; null when the notes are not tiers. */
function cnTiers(notes: string): { base: TokenPrices; tiers: Tiers } | null {
  const t = parseTierNotes(notes);
  if (!t) return null;
  const los = [...new Set(Object.values(t).flatMap((items) => items.map((i) => i.lo)))].sort((a, b) => a - b);
  const value = (cls: string, lo: number, opts: { sub?: 'above' | 'base'; thinking?: boolean }): string | undefined => {
    const items = (t[cls] ?? []).filter((i) => i.lo === lo);
    const pick = (f: (i: TierItem) => boolean) => items.find(f)?.price;
    if (opts.thinking) return pick((i) => i.thinking === true);
    const plain = (i: TierItem) => i.thinking !== true;
    if (opts.sub === 'above') return pick((i) => plain(i) && i.outLo !== null && i.outLo > 0) ?? pick((i) => plain(i) && i.outLo === null);
    return pick((i) => plain(i) && (i.outLo === 0 || i.outLo === null)) ?? pick(plain);
  };
  const band = (lo: number, sub: 'above' | 'base'): TokenPrices => {
    const p: TokenPrices = {};
    for (const cls of ['input', 'output', 'cache_read'] as const) {
      const v = value(cls, lo, { sub });
      if (v !== undefined) p[cls] = v;
    }
    return p;
  };
  const base = band(los[0]!, 'base');
  const tiers: Tiers = {};
  const subItems = Object.values(t).flatMap((items) => items.filter((i) => i.lo === los[0] && i.outLo !== null && i.outLo > 0));
  if (subItems.length) {
    const above = band(los[0]!, 'above');
    tiers.outputLength = [{ aboveOutputTokens: subItems[0]!.outLo!, ...(los[1] ? { inputUpTo: los[1] } : {}), prices: above }];
  }
  const th0 = value('output', los[0]!, { thinking: true });
  if (th0) tiers.thinking = { prices: { output: th0 } };
  const lcs = los.slice(1).map((lo) => {
    const th = value('output', lo, { thinking: true });
    return { aboveInputTokens: lo, prices: band(lo, 'base'), ...(th ? { thinking: { output: th } } : {}) };
  });
  if (lcs.length) tiers.longContext = lcs;
  return Object.keys(tiers).length ? { base, tiers } : null;
}

const sameBase = (a: TokenPrices, b: TokenPrices) => compareDecimal(a.input ?? '-1', b.input ?? '-1') === 0 && compareDecimal(a.output ?? '-1', b.output ?? '-1') === 0;
const tierNoteRows: string[] = [];
for (const r of refCsv('cn_prices_cny.csv')) {
  const model = canon(r.model!, r.vendor!);
  const parsed = r.tier_notes ? cnTiers(r.tier_notes) : null;
  const rowPrices: TokenPrices = { input: num(r.input_per_mtok)!, output: num(r.output_per_mtok)!, ...(num(r.cached_input_per_mtok) ? { cache_read: num(r.cached_input_per_mtok)! } : {}) };
  const source = `${r.vendor_price_page} via ${r.compiled_from}`;
  const inHistory = hist.filter((h) => h.model === model && h.currency === 'CNY' && h.route === 'direct');
  if (inHistory.length) {
    // The history governs the dates; the list's tiers enrich the entry in force when its base price is the same.
    const last = [...inHistory].sort((a, b) => parseInstant(a.effectiveFrom) - parseInstant(b.effectiveFrom)).pop()!;
    if (parsed && sameBase(last.prices, parsed.base)) {
      last.tiers = { ...last.tiers, ...parsed.tiers };
      if (!last.prices.cache_read && parsed.base.cache_read) last.prices.cache_read = parsed.base.cache_read;
      last.source = `${last.source}; tiers: ${source}`;
      tierNoteRows.push(model);
    }
    continue;
  }
  const base = parsed && sameBase(parsed.base, rowPrices) ? { ...rowPrices, ...parsed.base } : rowPrices;
  hist.push({
    model, route: 'direct', currency: 'CNY', effectiveFrom: r.released_or_effective || '2000-01-01',
    prices: base, ...(parsed ? { tiers: parsed.tiers } : {}),
    origin: 'builtin', source, checkedOn: CURATED_CHECKED, evidence: 'curated',
    ...(r.tier_notes && !parsed ? { notes: `base tier only; ${r.tier_notes}` } : {}),
  });
  if (parsed) tierNoteRows.push(model);
}

// Long-context surcharge rows (claude-sonnet-4-6 >200K): base = the LiteLLM direct price.
for (const l of longCtx) {
  const base = litEntries.find((e) => e.model === l.model && e.route === 'direct');
  if (!base) continue;
  hist.push({ ...base, effectiveFrom: l.from, tiers: { ...base.tiers, longContext: [{ aboveInputTokens: 200000, prices: l.prices }] }, source: l.source, evidence: 'curated', checkedOn: CURATED_CHECKED });
}
// Off-peak windows: a new entry at the window start copying the base in force, plus the window.
for (const o of offPeak) {
  const t = Date.parse(o.from);
  const base = hist.filter((h) => h.model === o.model && h.currency === o.currency && h.route === 'direct' && parseInstant(h.effectiveFrom) <= t).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).pop();
  if (!base) continue;
  hist.push({ ...base, effectiveFrom: o.from, tiers: { ...base.tiers, offPeak: [{ startUtc: '16:30', endUtc: '00:30', prices: o.prices }] }, notes: 'off-peak discount UTC 16:30-00:30 (Beijing 00:30-08:30) until 2025-09-05 16:00 UTC', source: 'api-docs.deepseek.com/quick_start/pricing (archived); see price_history.csv' });
}

function joinNotes(a: string | undefined, b: string): string {
  return a ? `${a}; ${b}` : b;
}

// 6. Merge: history governs its (model, route, currency); LiteLLM tiers enrich the entry in force at the snapshot.
const key = (e: PriceEntry) => `${e.model}|${e.route}|${e.currency}`;
const histKeys = new Set(hist.map(key));
const out: PriceEntry[] = [...hist];
for (const e of litEntries) {
  if (!histKeys.has(key(e))) {
    out.push(e);
    continue;
  }
  const snap = Date.parse(SNAPSHOT);
  const inForce = out.filter((h) => key(h) === key(e) && parseInstant(h.effectiveFrom) <= snap).sort((a, b) => parseInstant(a.effectiveFrom) - parseInstant(b.effectiveFrom)).pop();
  if (inForce && inForce.prices.input === e.prices.input && inForce.prices.output === e.prices.output) {
    for (const c of ['cache_read', 'cache_write_5m', 'cache_write_1h'] as const) if (!inForce.prices[c] && e.prices[c]) inForce.prices[c] = e.prices[c];
    const { longContext, ...rest } = e.tiers ?? {};
    inForce.tiers = { ...rest, ...inForce.tiers, ...(longContext && !inForce.tiers?.longContext && !/>200K surcharge removed/.test(inForce.notes ?? '') ? { longContext } : {}) };
    if (!Object.keys(inForce.tiers).length) delete inForce.tiers;
  } else if (corrections.some((c) => c.op === 'alias' && c.model === e.model && (c.routes ?? ['direct']).includes(e.route) && (!c.currency || c.currency === e.currency) && c.from && c.from <= SNAPSHOT)) {
    // A reviewed alias says what the model is priced as at the snapshot; LiteLLM's stale copy does not override it.
  } else {
    out.push({ ...e, effectiveFrom: SNAPSHOT, notes: 'LiteLLM snapshot price differs from the last dated entry; in force from the snapshot date at the latest' });
  }
}

// 7. OpenRouter's own list (its /api/v1/models copy), in force from the day it was loaded: it has no history.
const orPath = existsSync(join(ref, 'openrouter_models_sample.json')) ? join(ref, 'openrouter_models_sample.json') : join(dataDir, 'openrouter_models_sample.json');
const orLoaded = loadOpenRouterPrices(JSON.parse(readFileSync(orPath, 'utf8')), { checkedOn: OPENROUTER_LOADED, effectiveFrom: OPENROUTER_LOADED, source: `OpenRouter GET /api/v1/models (copy of ${OPENROUTER_LOADED})` });
out.push(...orLoaded.entries);

// 8. Aliases: a model priced as another from a date, where the vendor states they are the same model. The target's
// merged entries are copied, each from max(its start, the alias start); the model's own entries from that date on, and a
// LiteLLM entry dated 2000-01-01 that would price the model before it existed, give way.
const aliasesApplied: string[] = [];
for (const c of corrections.filter((x) => x.op === 'alias')) {
  const start = c.from ? parseInstant(c.from) : Number.NEGATIVE_INFINITY;
  const end = c.to ? parseInstant(c.to) : Number.POSITIVE_INFINITY;
  for (const route of c.routes ?? ['direct']) {
    const pool = out.filter((e) => e.model === c.as && e.route === route && (!c.currency || e.currency === c.currency));
    const currencies = [...new Set(pool.map((e) => e.currency))];
    if (!currencies.length) throw new Error(`alias ${c.id}: ${c.as} has no ${route} price`);
    for (const cur of currencies) {
      const own = (e: PriceEntry) => e.model === c.model && e.route === route && e.currency === cur;
      for (let i = out.length - 1; i >= 0; i--) {
        const e = out[i]!;
        if (own(e) && (parseInstant(e.effectiveFrom) >= start || (c.from && e.evidence === 'litellm_snapshot' && e.effectiveFrom === '2000-01-01'))) out.splice(i, 1);
      }
      const list = pool.filter((e) => e.currency === cur).sort((a, b) => parseInstant(a.effectiveFrom) - parseInstant(b.effectiveFrom));
      list.forEach((e, i) => {
        const s = parseInstant(e.effectiveFrom);
        const next = list[i + 1] ? parseInstant(list[i + 1]!.effectiveFrom) : Number.POSITIVE_INFINITY;
        if (next <= start || s >= end) return;
        const from = s < start ? c.from! : e.effectiveFrom;
        out.push({ ...structuredClone(e), model: c.model!, effectiveFrom: from, source: `${e.source}; alias: ${c.source}`, checkedOn: CHECKED, evidence: c.evidence! });
      });
    }
  }
  aliasesApplied.push(c.id);
}

// 9. Rules every entry of a kind follows.
const vendorOf = (model: string) => resolveModel(model)?.vendor;
const half = { multiplier: '0.5' };
const OPENAI_TEXT = /^(?!.*(embedding|image|audio|search|realtime|transcribe|tts))(gpt-|o\d|chatgpt-)/;
for (const e of out) {
  const vendor = vendorOf(e.model);
  // Batch APIs at 50% where the source gives no batch price (OpenAI Batch API, Anthropic Message Batches, Gemini Batch Mode).
  if (e.route === 'direct' && e.currency === 'USD' && (vendor === 'openai' || vendor === 'anthropic' || vendor === 'google') && !e.tiers?.batch) e.tiers = { ...e.tiers, batch: half };
  // OpenAI Flex processing: "Tokens are priced at Batch API rates" (developers.openai.com/api/docs/guides/flex-processing),
  // so a direct OpenAI text model (Responses / Chat Completions) without its own flex price takes its batch price.
  if (e.route === 'direct' && e.currency === 'USD' && vendor === 'openai' && OPENAI_TEXT.test(e.model) && e.tiers?.batch && !e.tiers.flex)
    e.tiers = { ...e.tiers, flex: structuredClone(e.tiers.batch) };
  // Azure OpenAI Global Batch and Data Zone Batch: 50 % of the deployment type's standard price.
  if ((e.route === 'azure-global' || e.route === 'azure-datazone') && !e.tiers?.batch) e.tiers = { ...e.tiers, batch: half };
  // Bedrock batch inference: 50 % of on-demand for the models that offer it (Anthropic, Amazon Nova, Meta, Mistral).
  if ((e.route === 'bedrock' || e.route.startsWith('bedrock@') || e.route.startsWith('bedrock-geo')) && /^(anthropic|amazon|meta|mistral)$/.test(vendor ?? '') && !e.tiers?.batch)
    e.tiers = { ...e.tiers, batch: half };
  // Anthropic: a 1-hour cache write is 2x the base input price, in every band (>200K: 2x the long-context input).
  if (vendor === 'anthropic' && e.prices.cache_write_5m && e.prices.input && !e.prices.cache_write_1h) e.prices.cache_write_1h = mulDecimalStrings(e.prices.input, '2');
  if (vendor === 'anthropic')
    for (const l of e.tiers?.longContext ?? []) if (l.prices.input && l.prices.cache_write_5m && !l.prices.cache_write_1h) l.prices.cache_write_1h = mulDecimalStrings(l.prices.input, '2');
}
// Azure Global Standard is OpenAI's list price: take the classes LiteLLM's Azure key lacks from the direct entry.
for (const e of out.filter((x) => x.route === 'azure-global')) {
  const d = out.filter((x) => x.model === e.model && x.route === 'direct' && x.currency === e.currency).sort((a, b) => parseInstant(a.effectiveFrom) - parseInstant(b.effectiveFrom)).pop();
  if (d && sameBase(d.prices, e.prices) && d.prices.cache_read && !e.prices.cache_read) e.prices.cache_read = d.prices.cache_read;
}

// 10. Corrections: patches and additions, each checked against the value it replaces.
const applied: string[] = [];
for (const c of corrections) {
  if (c.op === 'add') {
    out.push({ ...c.entry!, origin: 'builtin', source: c.source, checkedOn: CHECKED, notes: joinNotes(c.entry!.notes, c.why) } as PriceEntry);
    applied.push(c.id);
  }
  if (c.op !== 'patch') continue;
  const targets = out.filter((e) => e.model === c.model && e.route === c.route && (!c.currency || e.currency === c.currency) && (!c.from || e.effectiveFrom === c.from));
  const matches = targets.filter((e) => {
    const ex = c.expect ?? {};
    const lcMatch = (l: { prices: TokenPrices }) => Object.entries(ex.longContext ?? {}).every(([k, v]) => l.prices[k as "input"] === v);
    return (
      Object.entries(ex.prices ?? {}).every(([k, v]) => e.prices[k as 'input'] === v) &&
      (!ex.longContext || (e.tiers?.longContext ?? []).some(lcMatch)) &&
      (!ex.tiers?.priority?.prices || Object.entries(ex.tiers.priority.prices).every(([k, v]) => e.tiers?.priority?.prices?.[k as 'input'] === v))
    );
  });
  if (!matches.length) throw new Error(`correction ${c.id}: no ${c.model} ${c.route} entry carries the expected ${JSON.stringify(c.expect)} (review the correction)`);
  for (const e of matches) {
    for (const k of c.unset?.prices ?? []) delete e.prices[k as 'input'];
    Object.assign(e.prices, c.set?.prices ?? {});
    for (const l of e.tiers?.longContext ?? []) {
      for (const k of c.unset?.longContext ?? []) delete l.prices[k as 'input'];
      Object.assign(l.prices, c.set?.longContext ?? {});
    }
    for (const t of c.unset?.tiers ?? []) if (e.tiers) delete e.tiers[t as 'priority'];
    if (e.tiers && !Object.keys(e.tiers).length) delete e.tiers;
    e.notes = joinNotes(e.notes, `corrected (${c.id}): ${c.why}`);
    e.source = `${e.source}; correction: ${c.source}`;
    e.checkedOn = CHECKED;
  }
  applied.push(c.id);
}

// 11. Checks: Anthropic's 1-hour write is 2x input everywhere; no chat price above $1000/M.
const bad: string[] = [];
for (const e of out) {
  if (vendorOf(e.model) === 'anthropic' && e.prices.cache_write_1h && e.prices.input && compareDecimal(e.prices.cache_write_1h, mulDecimalStrings(e.prices.input, '2')) !== 0)
    bad.push(`${e.model} ${e.route} ${e.effectiveFrom}: 1h write ${e.prices.cache_write_1h} vs input ${e.prices.input}`);
}
if (bad.length) throw new Error(`Anthropic 1-hour cache writes off the 2x rule (add a correction):\n  ${bad.join('\n  ')}`);

const ANTHROPIC_REGIONAL = '^claude-(opus|sonnet|haiku)-(4-[5-9]|[5-9])';
const AZURE_UPLIFTED = '^(?!gpt-4o-2024-05-13$|gpt-4-|gpt-35|gpt-3\\.5)(gpt|o\\d)';
const book = parsePriceBook({
  version: 1,
  generatedFrom: `reference/pricing (LiteLLM ${SNAPSHOT}, price_history.csv, cn_prices_cny.csv, OpenRouter models ${OPENROUTER_LOADED}) + data/pricing/corrections.json by scripts/build-prices.ts`,
  upliftRules: [
    { route: 'bedrock-geo', modelPattern: ANTHROPIC_REGIONAL, multiplier: '1.1', base: ['bedrock-global', 'direct'], source: 'Anthropic and AWS: Bedrock geographic profiles (us./eu./jp./au./apac.) +10 % over global for Claude 4.5 and later' },
    { route: 'bedrock', modelPattern: ANTHROPIC_REGIONAL, multiplier: '1.1', base: ['bedrock-global', 'direct'], source: 'Anthropic: Bedrock regional (in-region) endpoints +10 % over global for Claude 4.5 and later; pydantic/genai-prices aws.yml regional.*' },
    { route: 'bedrock@*', modelPattern: ANTHROPIC_REGIONAL, multiplier: '1.1', base: ['bedrock-global', 'direct'], source: 'Anthropic: Bedrock regional (in-region) endpoints +10 % over global for Claude 4.5 and later' },
    { route: 'bedrock-gov', modelPattern: '^claude-', multiplier: '1.2', base: ['bedrock', 'bedrock-global', 'direct'], source: 'litellm_schema.md: us-gov +20%' },
    { route: 'vertex@*', modelPattern: ANTHROPIC_REGIONAL, multiplier: '1.1', base: ['vertex', 'direct'], source: "docs.claude.com 'Claude on Vertex AI': regional endpoints +10 % over the global endpoint from Sonnet 4.5" },
    { route: 'azure-datazone', modelPattern: AZURE_UPLIFTED, multiplier: '1.1', base: ['azure-global', 'direct'], source: 'Azure OpenAI pricing: Data Zone +10 % over Global (litellm_schema.md, model_route_examples.csv); gpt-4o-2024-05-13 and older models have no uplift' },
    { route: 'openrouter-free', modelPattern: '.', multiplier: '0', base: ['openrouter', 'direct'], source: "OpenRouter: a model's `:free` variant costs 0 (reference README: ':free variants cost 0')" },
    { route: 'azure-regional', modelPattern: AZURE_UPLIFTED, multiplier: '1.1', base: ['azure-global', 'direct'], source: 'Azure OpenAI pricing: Regional (Standard) +10 % over Global; gpt-4o-2024-05-13 and older models have no uplift' },
  ],
  entries: sortEntries(out),
});
const lines = book.entries.map((e) => '  ' + JSON.stringify(e));
const text = `{\n "version": ${book.version},\n "generatedFrom": ${JSON.stringify(book.generatedFrom)},\n "upliftRules": ${JSON.stringify(book.upliftRules)},\n "entries": [\n${lines.join(',\n')}\n ]\n}\n`;
writeFileSync(join(repo, 'shared/domain/pricing/builtin-book.json'), text);
console.log(`reference: ${ref}`);
console.log(`entries: ${book.entries.length} (${text.length} bytes); LiteLLM unresolved keys: ${lit.unresolved.length}; dropped as implausible: ${dropped.join(', ') || 'none'}`);
console.log(`corrections applied: ${applied.length + droppedKeys.size + aliasesApplied.length} of ${corrections.length}; tiers from cn_prices notes: ${tierNoteRows.length} models; Claude 4.5+ in-region keys left to the uplift rule: ${inRegionDropped.length}`);

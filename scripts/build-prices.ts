/**
 * Generate the built-in catalog and price book from the pricing reference folder.
 *   node --import tsx scripts/build-prices.ts [referenceDir]
 * referenceDir defaults to ../shared/reference/pricing (relative to the repo), falling back to the
 * repo's own copies in data/pricing/ (CSV copies + a filtered LiteLLM JSON) so the repo can regenerate alone.
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
const CSVS = ['price_history.csv', 'cn_prices_cny.csv', 'vendors.csv', 'fx_cny_usd_reference.csv', 'model_route_examples.csv'];

type Row = Record<string, string>;
const csv = (file: string): Row[] =>
  Papa.parse<Row>(readFileSync(join(ref, file), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

// 0. Keep the repo's copies current.
if (ref !== dataDir) for (const f of CSVS) copyFileSync(join(ref, f), join(dataDir, f));

// 1. LiteLLM: the full file from the reference folder, else the repo's filtered copy.
const litellmPath = existsSync(join(ref, 'litellm_model_prices.json')) ? join(ref, 'litellm_model_prices.json') : join(dataDir, 'litellm-chat-prices.json');
const litellmAll = JSON.parse(readFileSync(litellmPath, 'utf8')) as Record<string, Record<string, unknown>>;
const litellm: Record<string, Record<string, unknown>> = {};
for (const k of Object.keys(litellmAll).sort()) {
  const v = litellmAll[k]!;
  if (v.mode !== 'chat' || typeof v.input_cost_per_token !== 'number') continue;
  const keep: Record<string, unknown> = {};
  for (const f of Object.keys(v).sort()) if (f === 'litellm_provider' || f === 'mode' || f === 'source' || /cost/.test(f)) keep[f] = v[f];
  litellm[k] = keep;
}
writeFileSync(join(dataDir, 'litellm-chat-prices.json'), '{\n' + Object.entries(litellm).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n') + '\n}\n');

// 2. catalog-data.json: vendors, LiteLLM provider names, OpenAI snapshot dates (for Azure "0513" meters).
const vendors = csv('vendors.csv')
  .map((r) => ({ id: r.vendor_id!, displayName: r.display_name!, country: r.headquarters_country!, region: r.region! }))
  .sort((a, b) => a.id.localeCompare(b.id));
const providers = [...new Set(Object.values(litellmAll).map((v) => String(v.litellm_provider ?? '')).filter(Boolean))].sort();
const snapshots: Record<string, string> = {};
for (const k of Object.keys(litellmAll).sort()) {
  const m = /^(?:azure\/)?(gpt-[\w.-]+?|o\d[\w-]*?)-(\d{4})-(\d{2})-(\d{2})$/.exec(k);
  if (m) snapshots[`${m[1]}@${m[3]}${m[4]}`] ??= `${m[2]}-${m[3]}-${m[4]}`;
}
const catalog = { vendors, litellmProviders: providers, knownSnapshots: snapshots };
writeFileSync(join(repo, 'shared/domain/catalog-data.json'), JSON.stringify(catalog, null, 1) + '\n');

// The domain modules import catalog-data.json, so load them after writing it.
const { resolveModel } = await import('../shared/domain/models');
const { loadLiteLlmPrices, sortEntries } = await import('../shared/domain/pricing/sources');
const { parsePriceBook } = await import('../shared/domain/pricing/price-book');
type PriceEntry = import('../shared/domain/pricing/price-book').PriceEntry;

// 3. LiteLLM entries (effective since an unknown date: the earliest we know is this snapshot's price).
const lit = loadLiteLlmPrices(litellm, { checkedOn: SNAPSHOT, effectiveFrom: '2000-01-01', source: `LiteLLM model_prices_and_context_window.json (${SNAPSHOT})` });
const dropped: string[] = [];
const litEntries = lit.entries.filter((e) => {
  const bad = ['input', 'output'].some((c) => Number(e.prices[c as 'input'] ?? 0) > 1000);
  if (bad) dropped.push(`${e.model} ${e.route}`);
  return !bad;
});

// 4. Effective-dated history (price_history.csv) and CNY lists (cn_prices_cny.csv).
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
for (const r of csv('price_history.csv')) {
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
    source: r.source!, checkedOn: '2026-08-01', evidence: r.evidence!, ...(r.notes ? { notes: `${qual ? qual + '; ' : ''}${r.notes}` } : qual ? { notes: qual } : {}),
  };
  const lc = /^>(\d+)K: ([\d.]+)\/([\d.]+)/.exec(r.notes ?? '');
  if (lc) entry.tiers = { longContext: [{ aboveInputTokens: Number(lc[1]) * 1000, prices: { input: lc[2]!, output: lc[3]! } }] };
  hist.push(entry);
  // "same for deepseek-reasoner" notes on CNY rows that have no reasoner row of their own.
  if (model === 'deepseek-chat' && r.currency === 'CNY' && /same for deepseek-reasoner/.test(r.notes ?? ''))
    hist.push({ ...entry, model: 'deepseek-reasoner', notes: `copied from deepseek-chat (${r.notes})` });
}
for (const r of csv('cn_prices_cny.csv')) {
  const model = canon(r.model!, r.vendor!);
  if (hist.some((h) => h.model === model && h.currency === 'CNY')) continue; // history already covers it
  hist.push({
    model, route: 'direct', currency: 'CNY', effectiveFrom: r.released_or_effective || '2000-01-01',
    prices: { input: num(r.input_per_mtok)!, output: num(r.output_per_mtok)!, ...(num(r.cached_input_per_mtok) ? { cache_read: num(r.cached_input_per_mtok)! } : {}) },
    origin: 'builtin', source: `${r.vendor_price_page} via ${r.compiled_from}`, checkedOn: '2026-08-01', evidence: 'curated',
    ...(r.tier_notes ? { notes: `base tier only; ${r.tier_notes}` } : {}),
  });
}

// Long-context surcharge rows (claude-sonnet-4-6 >200K): base = the LiteLLM direct price.
for (const l of longCtx) {
  const base = litEntries.find((e) => e.model === l.model && e.route === 'direct');
  if (!base) continue;
  hist.push({ ...base, effectiveFrom: l.from, tiers: { ...base.tiers, longContext: [{ aboveInputTokens: 200000, prices: l.prices }] }, source: l.source, evidence: 'curated', checkedOn: '2026-08-01' });
}
// Off-peak windows: a new entry at the window start copying the base in force, plus the window.
for (const o of offPeak) {
  const t = Date.parse(o.from);
  const base = hist.filter((h) => h.model === o.model && h.currency === o.currency && h.route === 'direct' && Date.parse(h.effectiveFrom.length === 10 ? h.effectiveFrom + 'T00:00:00Z' : h.effectiveFrom) <= t).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).pop();
  if (!base) continue;
  hist.push({ ...base, effectiveFrom: o.from, tiers: { ...base.tiers, offPeak: [{ startUtc: '16:30', endUtc: '00:30', prices: o.prices }] }, notes: 'off-peak discount UTC 16:30-00:30 (Beijing 00:30-08:30) until 2025-09-05 16:00 UTC', source: 'api-docs.deepseek.com/quick_start/pricing (archived); see price_history.csv' });
}

// 5. Merge: history governs its (model, direct, currency); LiteLLM tiers enrich the entry in force at the snapshot.
const key = (e: PriceEntry) => `${e.model}|${e.route}|${e.currency}`;
const histKeys = new Set(hist.map(key));
const out: PriceEntry[] = [...hist];
for (const e of litEntries) {
  if (!histKeys.has(key(e))) {
    out.push(e);
    continue;
  }
  const snap = Date.parse(SNAPSHOT);
  const inForce = out.filter((h) => key(h) === key(e) && Date.parse(h.effectiveFrom.slice(0, 10)) <= snap).sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).pop();
  if (inForce && inForce.prices.input === e.prices.input && inForce.prices.output === e.prices.output) {
    for (const c of ['cache_read', 'cache_write_5m', 'cache_write_1h'] as const) if (!inForce.prices[c] && e.prices[c]) inForce.prices[c] = e.prices[c];
    const { longContext, ...rest } = e.tiers ?? {};
    inForce.tiers = { ...rest, ...inForce.tiers, ...(longContext && !inForce.tiers?.longContext && !/>200K surcharge removed/.test(inForce.notes ?? '') ? { longContext } : {}) };
    if (!Object.keys(inForce.tiers).length) delete inForce.tiers;
  } else {
    out.push({ ...e, effectiveFrom: SNAPSHOT, notes: 'LiteLLM snapshot price differs from the last dated entry; in force from the snapshot date at the latest' });
  }
}
// Batch APIs at 50% where the source gives no batch price (OpenAI Batch API, Anthropic Message Batches, Gemini Batch Mode).
for (const e of out) {
  const vendor = resolveModel(e.model)?.vendor;
  if (e.route === 'direct' && e.currency === 'USD' && (vendor === 'openai' || vendor === 'anthropic' || vendor === 'google') && !e.tiers?.batch)
    e.tiers = { ...e.tiers, batch: { multiplier: '0.5' } };
}

const book = parsePriceBook({
  version: 1,
  generatedFrom: `reference/pricing (LiteLLM ${SNAPSHOT}, price_history.csv, cn_prices_cny.csv) by scripts/build-prices.ts`,
  upliftRules: [
    { route: 'bedrock-geo', modelPattern: '^claude-(opus|sonnet|haiku)-(4-[5-9]|[5-9])', multiplier: '1.1', source: 'vendors.csv: Bedrock us./eu./jp./au. geo profiles +10% vs global for Claude 4.5+' },
    { route: 'bedrock-gov', modelPattern: '^claude-', multiplier: '1.2', source: 'litellm_schema.md: us-gov +20%' },
    { route: 'azure-datazone', modelPattern: '^(gpt|o\\d|chatgpt)', multiplier: '1.1', source: 'litellm_schema.md / model_route_examples.csv: Azure Data Zone (azure/eu, azure/us) +10%' },
  ],
  entries: sortEntries(out),
});
const lines = book.entries.map((e) => '  ' + JSON.stringify(e));
const text = `{\n "version": ${book.version},\n "generatedFrom": ${JSON.stringify(book.generatedFrom)},\n "upliftRules": ${JSON.stringify(book.upliftRules)},\n "entries": [\n${lines.join(',\n')}\n ]\n}\n`;
writeFileSync(join(repo, 'shared/domain/pricing/builtin-book.json'), text);
console.log(`reference: ${ref}`);
console.log(`entries: ${book.entries.length} (${text.length} bytes); LiteLLM unresolved keys: ${lit.unresolved.length}; dropped as implausible: ${dropped.join(', ') || 'none'}`);

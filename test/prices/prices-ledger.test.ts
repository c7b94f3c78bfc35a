/**
 * The price book in the ledger, through the real engine and a real SQLite file: estimates stored at
 * import in the fact's own currency, overrides with their own dates re-pricing the ledger after a
 * preview, unknown models unpriced (never $0), price sources loaded with a dry run and the 100x guard,
 * FX rates the user edits.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all } from '../../electron/engine/ledger/db';
import { loadFxTable } from '../../electron/engine/pricing/fx-store';
import { sql } from '../../electron/engine/ledger/sql';
import { convert } from '../../shared/domain/fx';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');
const PRICING = join(import.meta.dirname, '../fixtures/pricing');

interface FactRow {
  model: string;
  input: number;
  cache_read: number;
  output: number;
  billed: string | null;
  estimated: string | null;
  estimated_currency: string | null;
  price_status: string;
}

function facts(db: Parameters<typeof all>[0], where = sql.raw('1 = 1')): FactRow[] {
  return all<FactRow>(
    db,
    sql`SELECT model, input, cache_read, output, printf('%.9f', billed_nano / 1e9) AS billed,
               CASE WHEN estimated_nano IS NULL THEN NULL ELSE printf('%.9f', estimated_nano / 1e9) END AS estimated,
               estimated_currency, price_status
        FROM usage_facts WHERE line_type = 'usage' AND ${where} ORDER BY id`,
  );
}

describe('estimates at import', () => {
  it('prices a DeepSeek usage file in CNY at the list in force on its day, never booking CNY prices as USD', async () => {
    const { engine, client } = testEngine();
    await client.call('imports.commit', { paths: [join(EXPORTS, 'deepseek-usage-amount-2025-9.csv')] });
    const rows = facts(engine.ctx.db);
    expect(new Set(rows.map((r) => r.estimated_currency))).toEqual(new Set(['CNY']));
    expect(rows.every((r) => r.price_status === 'priced')).toBe(true);
    // 2025-09-08, deepseek-chat, 3,200,114 uncached input tokens at the V3.1 list of ¥4 per million (price_history.csv from
    // 2025-09-05 16:00 UTC, 2025-09-06 00:00 Beijing): the sample bills the same.
    const chatInput = rows.find((r) => r.model === 'deepseek-chat' && r.input === 3_200_114)!;
    expect(chatInput.estimated).toBe('12.800456000');
    expect(chatInput.billed).toBe('12.800456000');
    const totals = await client.call('report.totals', {});
    expect(totals.totals.estimated).toEqual({ CNY: '334.065804' });
  });

  it('previews what an override over two days of the DeepSeek sample changes, then re-prices exactly those rows', async () => {
    // The V3 list (chat ¥2 in / ¥0.5 cache hit / ¥8 out, reasoner ¥4 / ¥1 / ¥16) given to the account for 8-9 September, where
    // the book has the V3.1 list (¥4 / ¥0.5 / ¥12 for both).
    const { engine, client, events } = testEngine();
    await client.call('imports.commit', { paths: [join(EXPORTS, 'deepseek-usage-amount-2025-9.csv')] });
    const span = { currency: 'CNY', effectiveFrom: '2025-09-08', effectiveTo: '2025-09-10' };
    const preview = await client.call('prices.set', { model: 'deepseek-chat', ...span, prices: { input: '2', cache_read: '0.5', output: '8' }, dryRun: true });
    expect(preview.applied).toBe(false);
    // chat input 3,200,114 + 8,800,120 + 2,901,004 = 14,901,238 tokens at ¥4 -> ¥2 and output 912,004 + 2,210,398 + 801,200 =
    // 3,923,602 tokens at ¥12 -> ¥8: ¥59.604952 + ¥47.083224 before, ¥29.802476 + ¥31.388816 after. The cache-hit rows keep ¥0.5.
    expect(preview.recompute.models).toEqual([
      { model: 'deepseek-chat', currency: 'CNY', facts: 6, before: '106.688176', after: '61.191292', delta: '-45.496884', nowPriced: 0, nowUnpriced: 0 },
    ]);
    expect(preview.recompute.changed).toBe(6);
    expect(all(engine.ctx.db, sql`SELECT * FROM price_overrides`)).toEqual([]);
    await client.call('prices.set', { model: 'deepseek-chat', ...span, prices: { input: '2', cache_read: '0.5', output: '8' } });
    const reasoner = await client.call('prices.set', { model: 'deepseek-reasoner', ...span, prices: { input: '4', cache_read: '1', output: '16' } });
    // reasoner: 2,211,840 cache hits at ¥0.5 -> ¥1 and 1,402,231 + 88,012 = 1,490,243 output tokens at ¥12 -> ¥16; input stays ¥4.
    expect(reasoner.recompute.models).toEqual([
      { model: 'deepseek-reasoner', currency: 'CNY', facts: 3, before: '18.988836', after: '26.055728', delta: '7.066892', nowPriced: 0, nowUnpriced: 0 },
    ]);
    const totals = await client.call('report.totals', {});
    expect(totals.totals.estimated).toEqual({ CNY: '295.635812' });
    expect(totals.totals.billed).toEqual({ CNY: '334.065804' });
    expect(events.filter((e) => e.event === 'ledger.changed').map((e) => e.payload)).toContainEqual({ reason: 'prices' });
  });

  it('prices usage after an override only from its own date: history keeps the price it had', async () => {
    const { engine, client } = testEngine();
    await client.call('imports.commit', { paths: [join(EXPORTS, 'deepseek-usage-amount-2025-9.csv')] });
    // A negotiated ¥1 input price from 2025-09-10: only the 10 September input row (7,702,201 tokens) changes, ¥30.808804 -> ¥7.702201.
    const r = await client.call('prices.set', { model: 'deepseek-chat', currency: 'CNY', effectiveFrom: '2025-09-10', prices: { input: '1', cache_read: '0.5', output: '12' }, note: 'negotiated' });
    expect(r.recompute.changed).toBe(1);
    expect(r.recompute.models[0]).toMatchObject({ model: 'deepseek-chat', before: '30.808804', after: '7.702201', delta: '-23.106603' });
    const sept8 = facts(engine.ctx.db, sql`model = 'deepseek-chat' AND input = 3200114`)[0]!;
    expect(sept8.estimated).toBe('12.800456000');
    const history = await client.call('prices.show', { model: 'deepseek-chat' });
    const mine = history.history.find((h) => h.origin === 'user')!;
    expect(mine).toMatchObject({ currency: 'CNY', effectiveFrom: '2025-09-10', effectiveTo: null, source: 'user override: negotiated', overrideId: r.overrideId });
    // Deleting the override restores the built-in estimate, after a preview.
    const undo = await client.call('prices.unset', { id: r.overrideId!, dryRun: true });
    expect(undo.recompute.models[0]).toMatchObject({ before: '7.702201', after: '30.808804' });
    await client.call('prices.unset', { id: r.overrideId! });
    expect(facts(engine.ctx.db, sql`model = 'deepseek-chat' AND input = 7702201`)[0]!.estimated).toBe('30.808804000');
  });
});

describe('unpriced usage', () => {
  function mysteryExport(): string {
    const dir = tempDir();
    const text = readFileSync(join(EXPORTS, 'openai-usage-completions.json'), 'utf8').replace('"o4-mini-2025-04-16"', '"acme-mystery-9"');
    const path = join(dir, 'openai-usage-mystery.json');
    writeFileSync(path, text);
    return path;
  }

  it('counts an unknown model as unpriced in the API, with estimated NULL, never $0, and prices it once the user adds a custom price', async () => {
    const { engine, client } = testEngine();
    await client.call('imports.commit', { paths: [mysteryExport()] });
    const mystery = facts(engine.ctx.db, sql`model = 'acme-mystery-9'`);
    expect(mystery).toHaveLength(1);
    expect(mystery[0]).toMatchObject({ estimated: null, estimated_currency: null, price_status: 'unpriced' });
    // 301,220 input tokens (118,784 of them cached) + 402,311 output tokens in the export.
    const list = await client.call('prices.list', { inLedger: true });
    expect(list.unpriced.models.find((m) => m.model === 'acme-mystery-9')).toEqual({
      model: 'acme-mystery-9',
      provider: 'openai',
      tier: 'standard',
      route: 'direct',
      tokens: 301_220 + 402_311,
      billedTokens: 0,
      facts: 1,
      reason: expect.stringContaining('no price for acme-mystery-9 on direct'),
      reasonSaid: { id: 'engine.unpriced.noPrice', values: { model: 'acme-mystery-9', route: 'direct', day: { day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } } },
    });
    const totals = await client.call('report.totals', {});
    expect(totals.totals.unpriced.models).toContain('acme-mystery-9');
    // A private deployment priced by the user: $1 in, $0.5 cached, $4 out per million, from 2025-01-01.
    const r = await client.call('prices.set', { model: 'acme-mystery-9', currency: 'USD', effectiveFrom: '2025-01-01', prices: { input: '1', cache_read: '0.5', output: '4' } });
    // 182,436 x 1 + 118,784 x 0.5 + 402,311 x 4 = 182,436 + 59,392 + 1,609,244 micro-dollars
    expect(r.recompute.models).toEqual([{ model: 'acme-mystery-9', currency: 'USD', facts: 1, before: '0.000000', after: '1.851072', delta: '1.851072', nowPriced: 1, nowUnpriced: 0 }]);
    const after = await client.call('prices.list', { inLedger: true });
    expect(after.unpriced.models.map((m) => m.model)).not.toContain('acme-mystery-9');
  });

  it('names the token class a price lacks: a custom price without a cached-input price leaves the cached tokens unpriced, and says so', async () => {
    const { client } = testEngine();
    // In and out only: the export's 118,784 cached input tokens have no price.
    await client.call('prices.set', { model: 'acme-mystery-9', currency: 'USD', effectiveFrom: '2025-01-01', prices: { input: '1', output: '4' } });
    await client.call('imports.commit', { paths: [mysteryExport()] });
    const list = await client.call('prices.list', { inLedger: true });
    expect(list.unpriced.models.find((m) => m.model === 'acme-mystery-9')).toMatchObject({
      tokens: 301_220 + 402_311,
      reason: 'no cache_read price for acme-mystery-9 (118784 tokens)',
      reasonSaid: { id: 'engine.unpriced.noClass', values: { tokenClass: 'cache_read', model: 'acme-mystery-9', tokens: { tokens: 118_784 } } },
    });
  });

  it('re-prices facts imported after an override with the ledger book, not the built-in one', async () => {
    const { engine, client } = testEngine();
    await client.call('prices.set', { model: 'acme-mystery-9', currency: 'USD', effectiveFrom: '2025-01-01', prices: { input: '1', cache_read: '0.5', output: '4' } });
    await client.call('imports.commit', { paths: [mysteryExport()] });
    expect(facts(engine.ctx.db, sql`model = 'acme-mystery-9'`)[0]).toMatchObject({ estimated: '1.851072000', estimated_currency: 'USD', price_status: 'priced' });
  });
});

describe('a price for one service tier', () => {
  /** The export with its priority row on gpt-5-nano, which OpenAI lists no Priority price for. */
  function nanoPriorityExport(): string {
    const row = '"model": "gpt-5-2025-08-07",\n          "batch": false,\n          "service_tier": "priority"';
    const text = readFileSync(join(EXPORTS, 'openai-usage-completions.json'), 'utf8');
    expect(text.split(row)).toHaveLength(2);
    const path = join(tempDir(), 'openai-usage-nano.json');
    writeFileSync(path, text.replace(row, row.replace('gpt-5-2025-08-07', 'gpt-5-nano-2025-08-07')));
    return path;
  }

  it('names the missing tier, and a priority price set for it prices that row and leaves the standard price alone', async () => {
    const { engine, client } = testEngine();
    await client.call('imports.commit', { paths: [nanoPriorityExport()] });
    const list = await client.call('prices.list', { inLedger: true });
    // 22,584 input + 65,536 cached + 40,211 output tokens on the priority tier.
    expect(list.unpriced).toEqual({
      tokens: 128_331,
      billedTokens: 0,
      models: [{ model: 'gpt-5-nano-2025-08-07', provider: 'openai', tier: 'priority', route: 'direct', tokens: 128_331, billedTokens: 0, facts: 1, reason: 'no priority price for gpt-5-nano-2025-08-07', reasonSaid: { id: 'engine.unpriced.noTier', values: { tier: 'priority', model: 'gpt-5-nano-2025-08-07' } } }],
    });
    // Reconcile counts the same tokens: the sum of its lines' unpriced tokens is the banner's figure.
    const rec = await client.call('reconcile.report', {});
    expect(rec.unpriced.tokens).toBe(128_331);
    expect(rec.lines.reduce((s, l) => s + l.unpricedTokens, 0)).toBe(128_331);

    const r = await client.call('prices.set', { model: 'gpt-5-nano-2025-08-07', tier: 'priority', currency: 'USD', effectiveFrom: '2025-08-07', prices: { input: '0.1', cache_read: '0.01', output: '0.8' } });
    // 22,584 x 0.1 + 65,536 x 0.01 + 40,211 x 0.8 = 2,258.4 + 655.36 + 32,168.8 micro-dollars
    expect(r.recompute.models).toEqual([{ model: 'gpt-5-nano-2025-08-07', currency: 'USD', facts: 1, before: '0.000000', after: '0.03508256', delta: '0.03508256', nowPriced: 1, nowUnpriced: 0 }]);
    expect((await client.call('prices.list', { inLedger: true })).unpriced).toEqual({ tokens: 0, billedTokens: 0, models: [] });
    // The model's standard price is still the built-in one ($0.05 in), not replaced by the tier's.
    const nano = (await client.call('prices.list', { search: 'gpt-5-nano-2025-08-07' })).rows.find((m) => m.model === 'gpt-5-nano-2025-08-07')!;
    expect([nano.prices.input, nano.origin]).toEqual(['0.05', 'builtin']);
    expect(facts(engine.ctx.db, sql`model = 'gpt-5-nano-2025-08-07'`)[0]).toMatchObject({ estimated: '0.035082560', price_status: 'priced' });
  });

  it('refuses to withdraw a single tier', async () => {
    const { client } = testEngine();
    await expect(client.call('prices.set', { model: 'gpt-5-nano', tier: 'flex', withdrawn: true, currency: 'USD', effectiveFrom: '2025-08-07', prices: {} })).rejects.toThrow(
      'a withdrawal is for the whole model, not one tier',
    );
  });
});

describe('price sources', () => {
  function liteLlmFile(): string {
    const path = join(tempDir(), 'model_prices_and_context_window.json');
    writeFileSync(
      path,
      JSON.stringify({
        sample_spec: { mode: 'chat' },
        'gpt-4o-2024-08-06': { mode: 'chat', litellm_provider: 'openai', input_cost_per_token: 3e-6, cache_read_input_token_cost: 1.25e-6, output_cost_per_token: 1e-5 },
        // LiteLLM once shipped prices 1e5 too high: held for confirmation.
        'gpt-4.1-mini-2025-04-14': { mode: 'chat', litellm_provider: 'openai', input_cost_per_token: 0.04, cache_read_input_token_cost: 1e-7, output_cost_per_token: 1.6e-6 },
      }),
    );
    return path;
  }

  it('loads a LiteLLM JSON after a dry run that names each change, holds a price 100x away and re-prices the facts it reaches', async () => {
    const { engine, client } = testEngine();
    await client.call('imports.commit', { paths: [join(EXPORTS, 'openai-usage-completions.json')] });
    const dry = await client.call('prices.loadSource', { path: liteLlmFile(), effectiveFrom: '2025-01-01', dryRun: true });
    expect(dry).toMatchObject({ kind: 'litellm', applied: false, sourceId: null, added: 0, changed: 1, held: 1, heldAccepted: 0 });
    expect(dry.changes.map((c) => [c.key, c.kind, c.held, c.applies, c.fields])).toEqual([
      ['gpt-4.1-mini-2025-04-14|direct|USD', 'changed', true, false, { input: ['0.4', '40000'] }],
      ['gpt-4o-2024-08-06|direct|USD', 'changed', false, true, { input: ['2.5', '3'] }],
    ]);
    expect(dry.changes[0]!.heldReason).toBe('input moves from 0.4 to 40000 per million (100x or more)');
    // gpt-4o uncached input: 644,048 + 553,635 = 1,197,683 tokens x $0.50 more per million.
    expect(dry.recompute.models).toEqual([
      { model: 'gpt-4o-2024-08-06', currency: 'USD', facts: 2, before: expect.any(String), after: expect.any(String), delta: '0.5988415', nowPriced: 0, nowUnpriced: 0 },
    ]);
    expect(await client.call('prices.sources', {})).toEqual([]);

    const loaded = await client.call('prices.loadSource', { path: liteLlmFile(), effectiveFrom: '2025-01-01', dryRun: false });
    expect(loaded).toMatchObject({ applied: true, changed: 1, held: 1, heldAccepted: 0 });
    expect(await client.call('prices.sources', {})).toMatchObject([{ kind: 'litellm', entries: 1, heldAccepted: 0, heldSkipped: 1, status: 'applied' }]);
    const mini = await client.call('prices.show', { model: 'gpt-4.1-mini-2025-04-14' });
    expect(mini.history.filter((h) => h.origin === 'source')).toEqual([]);
    const gpt4o = await client.call('prices.show', { model: 'gpt-4o-2024-08-06' });
    expect(gpt4o.history.find((h) => h.origin === 'source')).toMatchObject({ route: 'direct', effectiveFrom: '2025-01-01', prices: { input: '3', cache_read: '1.25', output: '10' } });
    const est = facts(engine.ctx.db, sql`model = 'gpt-4o-2024-08-06'`).map((r) => r.estimated);
    // 644,048 x 3 + 1,206,272 x 1.25 + 142,118 x 10 and 553,635 x 3 + 1,048,576 x 1.25 + 131,004 x 10 (micro-dollars)
    expect(est).toEqual(['4.861164000', '4.281665000']);
  });

  it('loads a held change only when the user accepts it by key', async () => {
    const { client } = testEngine();
    const r = await client.call('prices.loadSource', { path: liteLlmFile(), effectiveFrom: '2025-01-01', dryRun: false, acceptHeld: ['gpt-4.1-mini-2025-04-14|direct|USD'] });
    expect(r).toMatchObject({ applied: true, held: 1, heldAccepted: 1 });
    const mini = await client.call('prices.show', { model: 'gpt-4.1-mini-2025-04-14' });
    expect(mini.history.find((h) => h.origin === 'source')?.prices.input).toBe('40000');
  });

  it('loads an OpenRouter /api/v1/models JSON as the openrouter route, with a dry run and the 100x guard', async () => {
    const { client } = testEngine();
    const json = JSON.parse(readFileSync(join(PRICING, 'openrouter_models_sample.json'), 'utf8')) as { data: { id: string; pricing: Record<string, string> }[] };
    const sonnet = json.data.find((m) => m.id === 'anthropic/claude-sonnet-4.5')!;
    sonnet.pricing.prompt = String(Number(sonnet.pricing.prompt) * 1000);
    // The built-in book already carries this copy of OpenRouter's list (from 2026-08-01): a newer list moves one price.
    json.data.find((m) => m.id === 'openai/gpt-4o')!.pricing.prompt = '0.000002';
    const path = join(tempDir(), 'openrouter-models.json');
    writeFileSync(path, JSON.stringify(json));
    const dry = await client.call('prices.loadSource', { path, effectiveFrom: '2026-08-01', dryRun: true });
    expect(dry.kind).toBe('openrouter');
    expect(dry.changes.every((c) => c.route === 'openrouter')).toBe(true);
    const held = dry.changes.filter((c) => c.held);
    expect(held.map((c) => c.key)).toEqual(['claude-sonnet-4-5|openrouter|USD']);
    expect(held[0]!.heldReason).toBe('input moves from 3 to 3000 per million (100x or more)');
    const applied = await client.call('prices.loadSource', { path, effectiveFrom: '2026-08-01', dryRun: false });
    expect(applied.applied).toBe(true);
    const show = await client.call('prices.show', { model: 'claude-sonnet-4-5' });
    expect(show.history.filter((h) => h.origin === 'source' && h.route === 'openrouter')).toEqual([]);
  });

  it('refuses a JSON that is neither a LiteLLM price map nor an OpenRouter models list', async () => {
    const { client } = testEngine();
    const path = join(tempDir(), 'other.json');
    writeFileSync(path, JSON.stringify({ hello: 'world' }));
    await expect(client.call('prices.loadSource', { path })).rejects.toMatchObject({
      code: 'UNRECOGNIZED_FILE',
      message: 'other.json is neither a LiteLLM model_prices_and_context_window.json (model -> { input_cost_per_token, ... }) nor an OpenRouter /api/v1/models answer ({ "data": [...] }).',
    });
  });
});

describe('a file that is not JSON', () => {
  it('is refused saying where it breaks, never quoting what is in it', async () => {
    const { client } = testEngine();
    const dir = tempDir();
    writeFileSync(join(dir, 'passwd.json'), 'root:x:0:0:root:/root:/bin/bash\n');
    writeFileSync(join(dir, 'cut.json'), '{"gpt-4o": {"input_cost_per_token": 1e-6,}');
    await expect(client.call('prices.loadSource', { path: join(dir, 'passwd.json') })).rejects.toMatchObject({ code: 'UNRECOGNIZED_FILE', message: 'passwd.json is not JSON.' });
    await expect(client.call('prices.loadSource', { path: join(dir, 'cut.json') })).rejects.toMatchObject({
      code: 'UNRECOGNIZED_FILE',
      message: 'cut.json is not JSON (syntax error at character 42).',
    });
  });
});

describe('FX rates', () => {
  it('imports a CSV of rates that loadFxTable then uses over the built-in points, keeping native amounts', async () => {
    const { engine, client } = testEngine();
    const path = join(tempDir(), 'rates.csv');
    writeFileSync(path, 'date,currency,per_usd,source\n2025-09-01,CNY,7.2000,bank statement\nnot-a-date,CNY,7,bad\n');
    const dry = await client.call('fx.importCsv', { path, dryRun: true });
    expect(dry).toEqual({ applied: false, rates: [{ currency: 'CNY', date: '2025-09-01', perUsd: '7.2000', source: 'bank statement', origin: 'user' }], skipped: [{ line: 3, reason: 'date "not-a-date" is not a day as YYYY-MM-DD', said: expect.objectContaining({ id: 'engine.fx.problems' }) }] });
    expect(loadFxTable(engine.ctx.db).some((r) => r.origin === 'user')).toBe(false);
    await client.call('fx.importCsv', { path });
    const table = loadFxTable(engine.ctx.db);
    // ¥334.065804 on 2025-09-02 at the user's 7.2 per USD = $46.398028 (rounded half away from zero)
    const usd = convert({ nano: 334_065_804_000n, currency: 'CNY' }, 'USD', Date.parse('2025-09-02T00:00:00Z'), table);
    expect(usd).toEqual({ nano: 46_398_028_333n, rate: '0.1388888889', rateDate: '2025-09-01' });
    const rows = await client.call('fx.list', { currency: 'cny' });
    expect(rows.find((r) => r.date === '2025-09-01')).toEqual({ currency: 'CNY', date: '2025-09-01', perUsd: '7.2000', source: 'bank statement', origin: 'user' });
    await client.call('fx.unset', { currency: 'CNY', date: '2025-09-01' });
    expect(loadFxTable(engine.ctx.db).some((r) => r.origin === 'user')).toBe(false);
  });
});

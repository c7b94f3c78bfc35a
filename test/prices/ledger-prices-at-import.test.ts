/**
 * An import prices its facts with the ledger's book (built-in + loaded sources + the user's overrides
 * and custom models) and places them in the user's vendor regions inside its own transaction: the rows
 * are right the moment the commit returns, with no ledger-change hook run after it (a crash between a
 * commit and a hook could not leave built-in estimates or regions behind). Through the in-thread parser
 * and the parser worker (files of 8 MB and more), and for the rows an undo puts back.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { all, allBig } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import type { EngineContext } from '../../electron/engine/context';
import { WORKER_MIN_BYTES } from '../../electron/engine/imports/chunk-source';
import { importPaths } from '../../electron/engine/imports/service';
import { lastImportStats } from '../../electron/engine/imports/run';
import { writeLargeOpenRouterCsv } from '../import/helpers';
import { testEngine } from '../helpers/engine';
import { tempDir } from '../helpers/tmp';

const EXPORTS = join(import.meta.dirname, '../fixtures/exports');

/**
 * The engine's context with its event sink cut off. The import service is called directly, not through
 * its `mutates` handler, so no ledger-change hook runs after it either: the rows must be right by themselves.
 */
function withoutHooks(ctx: EngineContext): EngineContext {
  return { ...ctx, emit: () => {} };
}

/**
 * The OpenAI usage export with its o4-mini bucket renamed to a model no book knows; `revised` adds 100
 * output tokens to that bucket and to a gpt-5 bucket (a later export revising both).
 */
function mysteryExport(revised = false): string {
  let text = readFileSync(join(EXPORTS, 'openai-usage-completions.json'), 'utf8').replace('"o4-mini-2025-04-16"', '"acme-mystery-9"');
  if (revised) text = text.replaceAll('402311', '402411').replaceAll('288120', '288220');
  const path = join(tempDir(), `openai-usage-mystery${revised ? '-revised' : ''}.json`);
  writeFileSync(path, text);
  return path;
}

interface Row {
  model: string;
  vendor: string | null;
  origin_region: string | null;
  estimated: string | null;
  estimated_currency: string | null;
  price_status: string;
}

function rows(db: Parameters<typeof all>[0], where = sql.raw('1 = 1')): Row[] {
  return all<Row>(
    db,
    sql`SELECT model, vendor, origin_region, CASE WHEN estimated_nano IS NULL THEN NULL ELSE printf('%.9f', estimated_nano / 1e9) END AS estimated,
               estimated_currency, price_status
        FROM usage_facts WHERE ${where} ORDER BY id`,
  );
}

describe("the ledger's prices and regions at import", () => {
  it("commits an import whose facts already carry the user's price and vendor region, with no ledger-change hook run", async () => {
    const { engine, client } = testEngine();
    // A private deployment priced by the user ($1 in, $0.5 cached, $4 out per million) and OpenAI moved to the EU.
    await client.call('prices.set', { model: 'acme-mystery-9', currency: 'USD', effectiveFrom: '2025-01-01', prices: { input: '1', cache_read: '0.5', output: '4' } });
    await client.call('vendors.setRegion', { vendor: 'openai', region: 'EU' });

    const result = await importPaths(withoutHooks(engine.ctx), [mysteryExport()], { onError: 'abort' });
    expect(result.counts.new).toBe(8);

    // 182,436 uncached input x 1 + 118,784 cached x 0.5 + 402,311 output x 4 = 1,851,072 micro-dollars.
    expect(rows(engine.ctx.db, sql`model = 'acme-mystery-9'`)).toEqual([
      { model: 'acme-mystery-9', vendor: null, origin_region: null, estimated: '1.851072000', estimated_currency: 'USD', price_status: 'priced' },
    ]);
    // The seven buckets of known OpenAI models are in the user's region, not the built-in US.
    const openai = rows(engine.ctx.db, sql`vendor = 'openai'`);
    expect(openai).toHaveLength(7);
    expect(new Set(openai.map((r) => r.origin_region))).toEqual(new Set(['EU']));
  });

  it('prices a file of 8 MB and more in the parser worker with the override, every fact of it, before any hook', async () => {
    const { engine, client } = testEngine();
    const path = join(tempDir(), 'openrouter-big.csv');
    const N = 42_000;
    writeLargeOpenRouterCsv(path, N);
    expect(statSync(path).size).toBeGreaterThanOrEqual(WORKER_MIN_BYTES);
    // Every generated row is the fixture's first: claude-sonnet-4 served by Anthropic through OpenRouter,
    // 48,211 prompt tokens of which 41,872 cached (6,339 uncached), 1,832 completion tokens.
    await client.call('prices.set', {
      model: 'claude-sonnet-4',
      route: 'openrouter:anthropic',
      currency: 'USD',
      effectiveFrom: '2025-01-01',
      prices: { input: '2', cache_read: '0.1', output: '20' },
    });
    await client.call('vendors.setRegion', { vendor: 'anthropic', region: 'EU' });

    const result = await importPaths(withoutHooks(engine.ctx), [path], { onError: 'abort' });
    expect(lastImportStats()?.threaded).toBe(true);
    expect(result.counts.new).toBe(N);

    // 6,339 x 2 + 41,872 x 0.1 + 1,832 x 20 = 12,678 + 4,187.2 + 36,640 = 53,505.2 micro-dollars a fact
    // (the built-in OpenRouter list would give 59,058.6).
    const [sum] = allBig<{ facts: bigint; nano: bigint; priced: bigint; eu: bigint }>(
      engine.ctx.db,
      sql`SELECT count(*) AS facts, sum(estimated_nano) AS nano, sum(price_status = 'priced' AND estimated_currency = 'USD') AS priced,
                 sum(origin_region = 'EU') AS eu
          FROM usage_facts WHERE model = 'claude-sonnet-4'`,
    );
    expect(sum).toEqual({ facts: BigInt(N), nano: BigInt(N) * 53_505_200n, priced: BigInt(N), eu: BigInt(N) });
  });

  it('puts back the rows an undo restores with the price and region the ledger has today, not the ones they had', async () => {
    const { engine, client } = testEngine();
    await client.call('imports.commit', { paths: [mysteryExport()] });
    // A later export revises the mystery bucket and a gpt-5 one, then the user prices the model and moves OpenAI.
    const later = await client.call('imports.commit', { paths: [mysteryExport(true)] });
    expect(later.counts).toMatchObject({ new: 0, revised: 2 });
    await client.call('prices.set', { model: 'acme-mystery-9', currency: 'USD', effectiveFrom: '2025-01-01', prices: { input: '1', cache_read: '0.5', output: '4' } });
    await client.call('vendors.setRegion', { vendor: 'openai', region: 'other' });
    // 1,851,072 + 100 x 4 micro-dollars.
    expect(rows(engine.ctx.db, sql`model = 'acme-mystery-9'`)[0]).toMatchObject({ estimated: '1.851472000', price_status: 'priced' });

    // The undo restores the first export's values: priced with today's override, not unpriced as they were stored.
    await client.call('imports.undo', { batchId: later.files[0]!.batchId! });
    expect(rows(engine.ctx.db, sql`model = 'acme-mystery-9'`)).toEqual([
      { model: 'acme-mystery-9', vendor: null, origin_region: null, estimated: '1.851072000', estimated_currency: 'USD', price_status: 'priced' },
    ]);
    const totals = await client.call('report.totals', {});
    expect(totals.totals.unpriced.models).not.toContain('acme-mystery-9');
    // The restored gpt-5 bucket was stored in the built-in US before OpenAI moved: it comes back in 'other' like the rest.
    const openai = rows(engine.ctx.db, sql`vendor = 'openai'`);
    expect(openai).toHaveLength(7);
    expect(new Set(openai.map((r) => r.origin_region))).toEqual(new Set(['other']));
  });
});

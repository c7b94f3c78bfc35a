/**
 * The token mix a known price change reprices (budgets/usage-store.ts modelMix): one rule, the tokens per
 * model in the budget's scope over the whole UTC days of mixDays(asOf), read from two sources, a rollup
 * (rollup_narrow, or rollup_daily for a scope naming keys, members or machines) and the facts themselves (the only source for a scope with tags). On a real ledger (exports imported
 * through the pipeline, the team's member set, a machine of the team, crafted rows at the window's edges)
 * both sources give the same mix for every kind of scope, and the crafted rows' figures are checked by hand.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, type WritableDb } from '../../electron/engine/ledger/db';
import { rebuildDerived } from '../../electron/engine/ledger/derived';
import { sql } from '../../electron/engine/ledger/sql';
import { modelMix } from '../../electron/engine/budgets/usage-store';
import { budgetScopeSchema } from '../../shared/domain/budgets/budget';
import { mixDays, type ModelMix } from '../../shared/domain/budgets/status';
import { ledgerDay } from '../../shared/domain/time';
import { testEngine } from '../helpers/engine';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'exports', name);

interface Row {
  start: string;
  input: number;
  member?: string;
  tags?: Record<string, string>;
  lineType?: 'usage' | 'cost';
  countsTokens?: 0 | 1;
  batch?: number;
}

let seq = 0;
/** Crafted facts of model `mix-model`, 1 request each: batch 900 is this machine's, 901 the machine `m-bo`'s (member bo). */
function insert(db: WritableDb, rows: Row[]): void {
  run(db, sql`INSERT INTO import_batches (id, created_at, file_name, sha256, format) VALUES (900, 0, 'crafted.csv', 'x', 'crafted')`);
  run(db, sql`INSERT INTO import_batches (id, created_at, file_name, sha256, format, origin_machine) VALUES (901, 0, 'bo.csv', 'y', 'crafted', 'm-bo')`);
  run(db, sql`INSERT INTO machine_members (machine_id, member) VALUES ('m-bo', 'bo')`);
  for (const r of rows) {
    const start = Date.parse(r.start);
    run(
      db,
      sql`INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, member, tags, model_raw, model,
            model_family, vendor, origin_region, line_type, input, requests, counts_tokens, price_status)
          VALUES (${r.batch ?? 900}, 'crafted', ${`mix-${++seq}`}, ${start}, ${start}, ${ledgerDay({ start, granularity: 'request' })}, 'request', 'crafted',
            ${r.member ?? null}, ${r.tags ? JSON.stringify(r.tags) : null}, 'mix-model', 'mix-model', 'mix-model', 'openai', 'US',
            ${r.lineType ?? 'usage'}, ${r.input}, 1, ${r.countsTokens ?? 1}, ${r.lineType === 'cost' ? 'not_applicable' : 'unpriced'})`,
    );
  }
}

// The facts' data reaches Sept 15, 00:00 UTC: the mix is of the UTC days Sept 1 to Sept 15.
const AS_OF = Date.parse('2025-09-15T00:00:00Z');

async function ledger() {
  const { engine, client } = testEngine();
  const db = engine.ctx.db;
  await client.call('imports.commit', {
    paths: [fixture('litellm-spend-logs.csv'), fixture('openai-usage-completions.json'), fixture('anthropic-usage-report.json')],
  });
  await client.call('team.update', { member: 'ada' });
  insert(db, [
    { start: '2025-08-31T23:59:00Z', input: 1_000_000 }, // the day before the window
    { start: '2025-09-01T00:00:00Z', input: 7 }, // its first day
    { start: '2025-09-15T23:30:00Z', input: 11 }, // its last day (the UTC day of asOf)
    { start: '2025-09-16T00:00:00Z', input: 1_000_000 }, // the day after
    { start: '2025-09-05T12:00:00Z', input: 1_000_000, countsTokens: 0 }, // covered by a finer source: its tokens do not count
    { start: '2025-09-05T12:00:00Z', input: 1_000_000, lineType: 'cost' }, // not usage
    { start: '2025-09-06T12:00:00Z', input: 13, batch: 901 }, // machine m-bo, so member bo
    { start: '2025-09-06T13:00:00Z', input: 17, batch: 901, member: 'cy' }, // on m-bo, but the fact names its member
    { start: '2025-09-07T12:00:00Z', input: 19, tags: { team: 'search' } },
  ]);
  rebuildDerived(db);
  return db;
}

const scope = (s: Record<string, string[]>) => budgetScopeSchema.parse(s);
const mixModel = (mix: ModelMix[]) => mix.find((m) => m.model === 'mix-model');

describe('the token mix of a known price change', () => {
  it('is the same from the rollups and from the facts, for every kind of scope', async () => {
    const db = await ledger();
    const days = mixDays(AS_OF);
    expect(days).toEqual({ from: '2025-09-01', to: '2025-09-15' });
    const scopes: Record<string, string[]>[] = [
      {},
      { members: ['ada'] },
      { members: ['bo'] },
      { machines: ['m-bo'] },
      { providers: ['openai', 'anthropic'] },
      { vendors: ['anthropic'] },
      { regions: ['US'] },
      { models: ['claude-sonnet-4'] },
      { models: ['gpt-4o'] },
      { projects: ['proj-support'] },
    ];
    for (const s of scopes) {
      const fromRollups = modelMix(db, scope(s), days, 'rollups');
      expect(fromRollups.length, JSON.stringify(s)).toBeGreaterThan(0);
      expect(modelMix(db, scope(s), days, 'facts'), JSON.stringify(s)).toEqual(fromRollups);
      // The rollups by default, for a scope without tags.
      expect(modelMix(db, scope(s), days)).toEqual(fromRollups);
    }
    // Every model of the imports' usage in those days, and the crafted one.
    expect(modelMix(db, scope({}), days).map((m) => m.model)).toEqual(expect.arrayContaining(['gpt-4o-2024-08-06', 'claude-sonnet-4-20250514', 'mix-model']));
  });

  it('counts the window\'s whole UTC days, usage whose tokens count, and the team\'s rule of member and machine', async () => {
    const db = await ledger();
    const days = mixDays(AS_OF);
    for (const source of ['rollups', 'facts'] as const) {
      const of = (s: Record<string, string[]>) => mixModel(modelMix(db, scope(s), days, source));
      // 7 + 11 (the window's first and last day) + 13 + 17 + 19; 5 requests.
      expect(of({}), source).toMatchObject({ input: 67, requests: 5, output: 0 });
      expect(of({ members: ['ada'] })?.input, source).toBe(7 + 11 + 19);
      expect(of({ members: ['bo'] })?.input, source).toBe(13);
      expect(of({ members: ['cy'] })?.input, source).toBe(17);
      expect(of({ machines: ['m-bo'] })?.input, source).toBe(13 + 17);
    }
    // Tags: read from the facts by the same rule.
    expect(mixModel(modelMix(db, scope({ tags: ['team=search'] }), days))).toMatchObject({ input: 19, requests: 1 });
    expect(modelMix(db, scope({ tags: ['prod'] }), days).map((m) => m.model)).toContain('claude-sonnet-4-20250514');
    expect(() => modelMix(db, scope({ tags: ['prod'] }), days, 'rollups')).toThrow(/no rollup form/);
  });
});

/**
 * A budget's status from its cache (per UTC fact day x local day, budgets/cache-store.ts) equals the status
 * read from the raw facts, on a crafted ledger with the cases a rollup gets wrong: a bill line outside a
 * project budget's scope (it covers the usage for the budget as for the ledger), a tags scope, a
 * zone with a half-hour offset, an hour row that starts on one day and ends on the next, a month-grain
 * row, unpriced usage, a token budget and another currency. After a change of one day only that day is
 * read again, and the figures move by exactly what changed. app.info's fact count follows the ledger.
 */
import { describe, expect, it } from 'vitest';
import { all, run, transaction, type WritableDb } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { insertBudget } from '../../electron/engine/budgets/store';
import { touchLedgerDays } from '../../electron/engine/ledger/ledger-days';
import { rebuildDerived, refreshDerived } from '../../electron/engine/ledger/derived';
import { computeBudgetStatus } from '../../electron/engine/budgets/status';
import { evaluateAllBudgets } from '../../electron/engine/budgets/alerts';
import { budgetDefinitionSchema, type BudgetDefinition } from '../../shared/domain/budgets/budget';
import { loadFxTable } from '../../electron/engine/pricing/fx-store';
import { convert } from '../../shared/domain/fx';
import { parseDecimalToNano } from '../../shared/domain/money';
import { ledgerDay, parseDay, startOfLocalDay } from '../../shared/domain/time';
import { testEngine } from '../helpers/engine';

interface Row {
  start: string;
  end?: string;
  granularity?: 'request' | 'hour' | 'day' | 'month';
  provider?: string;
  model?: string | null;
  project?: string | null;
  apiKey?: string | null;
  tags?: Record<string, string> | null;
  lineType?: 'usage' | 'cost';
  input?: number;
  output?: number;
  billed?: bigint | null;
  estimated?: bigint | null;
  currency?: string;
  unpriced?: boolean;
}

let seq = 0;
function insert(db: WritableDb, rows: Row[]): string[] {
  run(db, sql`INSERT OR IGNORE INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'crafted.csv', 'x', 'crafted')`);
  const days = new Set<string>();
  for (const r of rows) {
    const start = Date.parse(r.start);
    const end = r.end ? Date.parse(r.end) : start;
    const day = ledgerDay({ start, granularity: r.granularity ?? 'request' });
    days.add(day);
    const cur = r.currency ?? 'USD';
    run(
      db,
      sql`INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, project, api_key, tags,
            model_raw, model, model_family, vendor, origin_region, service_tier, line_type, input, output, requests,
            billed_nano, billed_currency, estimated_nano, estimated_currency, price_status)
          VALUES (1, 'crafted', ${`budget-cache-${++seq}`}, ${start}, ${end}, ${day}, ${r.granularity ?? 'request'}, ${r.provider ?? 'openai'},
            ${r.project ?? null}, ${r.apiKey ?? null}, ${r.tags ? JSON.stringify(r.tags) : null}, ${r.model ?? 'gpt-4o'}, ${r.model === undefined ? 'gpt-4o' : r.model},
            ${r.model === undefined ? 'gpt-4o' : r.model}, 'openai', 'US', 'standard', ${r.lineType ?? 'usage'}, ${r.input ?? 0}, ${r.output ?? 0}, 1,
            ${r.billed ?? null}, ${r.billed != null ? cur : null}, ${r.estimated ?? null}, ${r.estimated != null ? cur : null},
            ${r.unpriced ? 'unpriced' : r.lineType === 'cost' ? 'not_applicable' : 'priced'})`,
    );
  }
  return [...days];
}

const USD = 1_000_000_000n;

function ledger(db: WritableDb): void {
  insert(db, [
    // Sept 10: usage of two projects with estimates, and a bill line with no project for the same model.
    { start: '2025-09-10T08:00:00Z', project: 'web', apiKey: 'k1', input: 1000, estimated: 2n * USD },
    { start: '2025-09-10T09:00:00Z', project: 'api', apiKey: 'k2', input: 2000, estimated: 3n * USD },
    { start: '2025-09-10T00:00:00Z', end: '2025-09-11T00:00:00Z', granularity: 'day', lineType: 'cost', billed: 4n * USD },
    // Tagged usage.
    { start: '2025-09-12T10:00:00Z', project: 'web', tags: { team: 'search' }, input: 500, estimated: 1n * USD },
    // Around local midnight in Asia/Kolkata (UTC+5:30): 18:20 UTC is 23:50 there, 18:40 UTC is 00:10 the next day.
    { start: '2025-09-14T18:20:00Z', project: 'web', input: 100, estimated: 5n * USD },
    { start: '2025-09-14T18:40:00Z', project: 'web', input: 100, estimated: 7n * USD },
    // An hour row from 23:45 UTC on Sept 30 to 00:45 on October 1: an instant, on the day of its start.
    { start: '2025-09-30T23:45:00Z', end: '2025-10-01T00:45:00Z', granularity: 'hour', project: 'web', input: 300, estimated: 11n * USD },
    // A month-grain row for August: it keeps August 1, the day its export names (the lookback).
    { start: '2025-08-01T00:00:00Z', end: '2025-09-01T00:00:00Z', granularity: 'month', project: 'web', input: 9000, estimated: 13n * USD },
    // Unpriced usage, billed usage in CNY, and a September 2 request of the lookback's edge.
    { start: '2025-09-15T12:00:00Z', project: 'web', model: 'mystery', input: 4000, output: 100, unpriced: true },
    { start: '2025-09-16T03:00:00Z', provider: 'deepseek', model: 'deepseek-chat', project: 'web', input: 800, billed: 70n * USD, currency: 'CNY' },
    { start: '2025-09-02T01:00:00Z', project: 'api', input: 50, estimated: 1n * USD },
  ]);
  rebuildDerived(db);
}

const defs: BudgetDefinition[] = (
  [
    { name: 'Everything', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '100', currency: 'USD' } },
    { name: 'Web', scope: { projects: ['web'] }, period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '100', currency: 'USD' } },
    { name: 'Search team', scope: { tags: ['team=search'] }, period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '10', currency: 'USD' } },
    { name: 'Web in Kolkata', scope: { projects: ['web'] }, period: { kind: 'week', timeZone: 'Asia/Kolkata' }, amount: { unit: 'money', value: '50', currency: 'EUR' } },
    { name: 'Web tokens in LA', scope: { projects: ['web'] }, period: { kind: 'month', timeZone: 'America/Los_Angeles' }, amount: { unit: 'tokens', value: 100_000, tokenClass: 'input' } },
  ] as unknown[]
).map((d) => budgetDefinitionSchema.parse(d));

const CREATED = Date.parse('2025-06-01T00:00:00Z');
const NOW = Date.parse('2025-09-20T12:00:00Z');

function statuses(db: WritableDb, ids: number[], source: 'raw' | 'cache', store = true) {
  return ids.map((id, i) =>
    computeBudgetStatus(db, defs[i]!, { id, createdAt: CREATED, now: NOW, withHistory: true, source: source === 'raw' ? { kind: 'raw' } : { kind: 'cache', budgetId: id, store: store ? db : undefined } }),
  );
}

const text = (v: unknown) => JSON.stringify(v);
const nano = (amount: string) => parseDecimalToNano(amount);

describe('budget status from the budget cache', () => {
  it('equals the status read from the raw facts: scope-only bills, tags, half-hour zones, rows across midnight', async () => {
    const { engine, client } = testEngine();
    const db = engine.ctx.db;
    ledger(db);
    const ids = defs.map((d) => insertBudget(db, d, CREATED));
    const raw = statuses(db, ids, 'raw');
    expect(text(statuses(db, ids, 'cache'))).toBe(text(raw)); // cold: every day computed and stored
    expect(text(statuses(db, ids, 'cache'))).toBe(text(raw)); // warm: read from the cache
    expect(text(statuses(db, ids, 'cache', false))).toBe(text(raw));

    // The figures a rollup would get wrong, by hand. Everything: the bill (4 USD) covers both Sept 10
    // estimates; + 1 (tagged) + 5 + 7 + 1 (Sept 2) + 11 (the hour row that starts on Sept 30) USD; the month
    // row is August's; 70 CNY billed, converted on its day.
    const fx = loadFxTable(db);
    const cny = convert({ nano: 70n * USD, currency: 'CNY' }, 'USD', Date.parse('2025-09-16T00:00:00Z'), fx).nano;
    const [all_, web, search, kolkata, tokens] = raw.map((c) => c.status);
    expect(nano(all_!.spent)).toBe(29n * USD + cny);
    // Web: the bill line (no project) covers Sept 10's estimates for every budget, as in the report of
    // project web; the bill itself is not web's: 1 + 5 + 7 + 11 USD + the CNY.
    expect(nano(web!.spent)).toBe(24n * USD + cny);
    const report = await client.call('report.explore', { from: '2025-09-01', to: '2025-09-30', timeZone: 'UTC', filters: { project: ['web'] }, groupBy: [], bucket: 'none', currency: 'USD' });
    expect(nano(report.totals.spendDisplay!)).toBe(nano(web!.spent));
    expect(nano(search!.spent)).toBe(1n * USD);
    expect(web!.unpriced).toEqual({ facts: 1, tokens: 4100, models: ['mystery'] });
    expect(search!.unpriced.facts).toBe(0);
    // Kolkata's week of Sept 15-21: the 18:40 UTC request of Sept 14 is 00:10 on Sept 15 there (7 USD),
    // the 18:20 one (23:50 on Sept 14) is not; the CNY bill of Sept 16.
    expect(kolkata!.period.firstDay).toBe('2025-09-15');
    const inKolkata = (d: string) => startOfLocalDay(parseDay(d), 'Asia/Kolkata');
    expect(nano(kolkata!.spent)).toBe(
      convert({ nano: 7n * USD, currency: 'USD' }, 'EUR', inKolkata('2025-09-15'), fx).nano + convert({ nano: 70n * USD, currency: 'CNY' }, 'EUR', inKolkata('2025-09-16'), fx).nano,
    );
    // Los Angeles' September ends at 07:00 UTC on Oct 1: the hour row starting 23:45 UTC (16:45 there) is in it.
    expect(tokens!.spent).toBe(String(1000 + 500 + 100 + 100 + 300 + 4000 + 800));
  });

  it('reads again only the day a change touched, and moves by exactly what changed', () => {
    const { engine } = testEngine();
    const db = engine.ctx.db;
    ledger(db);
    const ids = defs.map((d) => insertBudget(db, d, CREATED));
    const before = statuses(db, ids, 'cache');
    const versions = () => all<{ n: number }>(db, sql`SELECT count(DISTINCT version) AS n FROM budget_cache_days WHERE budget_id = ${ids[1]!}`)[0]!.n;
    expect(versions()).toBe(1);

    // An import of one request on Sept 18 for project web, 2.5 USD.
    transaction(db, () => {
      const days = insert(db, [{ start: '2025-09-18T10:00:00Z', project: 'web', input: 10, estimated: 2_500_000_000n }]);
      refreshDerived(db, days);
    });
    const after = statuses(db, ids, 'cache');
    expect(text(after)).toBe(text(statuses(db, ids, 'raw')));
    expect(versions()).toBe(2); // Sept 18 re-read, every other day kept
    const spent = (i: number, s: typeof before) => nano(s[i]!.status.spent);
    expect(spent(0, after) - spent(0, before)).toBe(2_500_000_000n);
    expect(spent(1, after) - spent(1, before)).toBe(2_500_000_000n);
    expect(after[2]!.status.spent).toBe(before[2]!.status.spent); // not tagged

    // A version bump with no change (a reprice that moved nothing) changes no figure.
    transaction(db, () => touchLedgerDays(db, ['2025-09-10']));
    expect(text(statuses(db, ids, 'cache'))).toBe(text(after));
  });

  it('is what the alert hook evaluates, and it stores what it read', () => {
    const { engine } = testEngine();
    const db = engine.ctx.db;
    ledger(db);
    const ids = defs.map((d) => insertBudget(db, d, CREATED));
    evaluateAllBudgets(engine.ctx, NOW);
    expect(all(db, sql`SELECT DISTINCT budget_id FROM budget_cache_days ORDER BY budget_id`).map((r) => (r as { budget_id: number }).budget_id)).toEqual(ids);
    expect(text(statuses(db, ids, 'cache', false))).toBe(text(statuses(db, ids, 'raw')));
  });
});

describe("app.info's fact count", () => {
  it('counts every fact, bill lines included, after changes', async () => {
    const { engine, client } = testEngine();
    const db = engine.ctx.db;
    ledger(db);
    expect((await client.call('app.info', {})).factCount).toBe(11);
    transaction(db, () => {
      run(db, sql`DELETE FROM usage_facts WHERE day = '2025-09-10'`);
      refreshDerived(db, ['2025-09-10']);
    });
    expect((await client.call('app.info', {})).factCount).toBe(8);
  });
});

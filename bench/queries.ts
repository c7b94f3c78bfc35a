/**
 * `npm run bench -- queries`: the dashboard's queries at 1M and 10M synthetic facts (BENCH_FACTS to
 * change), through the rollups and as the naive GROUP BY over the raw facts, in the same run, as ratios.
 * Targets: overview < 100 ms, an Explore grouping < 300 ms at 10M facts.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './run';
import { createEngine } from '../electron/engine';
import { transaction } from '../electron/engine/ledger/db';
import { rebuildDerived } from '../electron/engine/ledger/derived';
import { aggregate, dailySpend, type AggregateQuery } from '../electron/engine/reports/query-store';
import { overviewReport } from '../electron/engine/reports/overview';
import { monthForecast } from '../electron/engine/reports/overview-forecast';
import { computeBudgetStatus } from '../electron/engine/budgets/status';
import { budgetDefinitionSchema } from '../shared/domain/budgets/budget';
import { overviewPeriods } from '../shared/domain/aggregate';
import { addDays } from '../shared/domain/time';
import { seeded } from '../shared/domain/random';

const MODELS = [
  ['openai', 'gpt-4o', 'gpt-4o', 'openai', 'US', 'USD'],
  ['openai', 'gpt-4.1-mini', 'gpt-4.1', 'openai', 'US', 'USD'],
  ['openai', 'o4-mini', 'o4', 'openai', 'US', 'USD'],
  ['anthropic', 'claude-sonnet-4', 'claude-sonnet', 'anthropic', 'US', 'USD'],
  ['anthropic', 'claude-opus-4-1', 'claude-opus', 'anthropic', 'US', 'USD'],
  ['anthropic', 'claude-3-5-haiku', 'claude-haiku', 'anthropic', 'US', 'USD'],
  ['openrouter', 'kimi-k2', 'kimi', 'moonshot', 'CN', 'USD'],
  ['openrouter', 'qwen3-coder', 'qwen3', 'alibaba', 'CN', 'USD'],
  ['aws-bedrock', 'nova-pro', 'nova', 'amazon', 'US', 'USD'],
  ['gcp-vertex', 'gemini-2.5-pro', 'gemini-2.5', 'google', 'US', 'USD'],
  ['deepseek', 'deepseek-chat', 'deepseek-v3', 'deepseek', 'CN', 'CNY'],
  ['zhipu', 'glm-4.5', 'glm-4', 'zhipu', 'CN', 'CNY'],
  ['azure-openai', 'gpt-4o', 'gpt-4o', 'openai', 'US', 'USD'],
  ['openrouter', 'mistral-large', 'mistral-large', 'mistral', 'EU', 'USD'],
] as const;
const PROJECTS = ['web', 'mobile', 'search', 'agents', 'eval', 'batch-etl', 'support', 'research'];
const DAYS = 365;
const LAST_DAY = '2025-12-31';

const rng = seeded;

/**
 * A lean synthetic ledger: request-grain facts with only the columns the dashboard reads, inserted 100
 * rows per statement with the fact indexes dropped (and rebuilt once at the end). Realistic shape: each
 * project has three API keys, each key belongs to one member, and only the batch project's keys use the
 * batch tier, so a day has a few hundred distinct (model, project, key, member, tier) combinations.
 */
export function generate(dbPath: string, n: number): { ms: number } {
  const t0 = performance.now();
  const engine = createEngine({ dbPath });
  const db = engine.ctx.db;
  db.pragma('synchronous = OFF');
  db.pragma('journal_mode = OFF');
  db.pragma('cache_size = -400000');
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'usage_facts' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);
  db.prepare(`INSERT INTO import_batches (id, created_at, file_name, sha256, format, provider, grain) VALUES (1, 0, 'synthetic', 'x', 'synthetic', NULL, 'request')`).run();
  const COLS = `(batch_id, format, identity, start_ms, end_ms, day, granularity, provider, project, api_key, member, model, model_family, vendor, origin_region,
      service_tier, input, cache_read, output, reasoning, requests, estimated_nano, estimated_currency, price_status)`;
  const ROW = `(1, 's', ?, ?, ?, ?, 'request', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`;
  const PER = 100;
  const many = db.prepare(`INSERT INTO usage_facts ${COLS} VALUES ${Array<string>(PER).fill(ROW).join(', ')}`);
  const one = db.prepare(`INSERT INTO usage_facts ${COLS} VALUES ${ROW}`);
  const cost = db.prepare(`INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, model, line_type, billed_nano, billed_currency, price_status)
    VALUES (1, 'synthetic', ?, ?, ?, ?, 'day', ?, ?, 'cost', ?, 'USD', 'not_applicable')`);
  const r = rng(42);
  const start = Date.parse(`${addDays(LAST_DAY, -(DAYS - 1))}T00:00:00Z`);
  const dayOf = new Map<number, string>();
  const row = (i: number): unknown[] => {
    const m = MODELS[Math.floor(r() * r() * MODELS.length)]!;
    const p = Math.floor(r() * PROJECTS.length);
    const k = Math.floor(r() * 3);
    const ts = start + Math.floor((i / n) * DAYS * 86_400_000);
    const d = Math.floor((ts - start) / 86_400_000);
    let day = dayOf.get(d);
    if (!day) dayOf.set(d, (day = addDays(LAST_DAY, d - (DAYS - 1))));
    const input = Math.floor(r() * 4000);
    const cached = Math.floor(r() * 20000);
    const output = Math.floor(r() * 1500);
    const unpriced = r() < 0.03;
    return [i.toString(36), ts, ts, day, m[0], PROJECTS[p], `k${p}-${k}`, `m${p}-${k}`, m[1], m[2], m[3], m[4],
      PROJECTS[p] === 'batch-etl' ? 'batch' : 'standard', input, cached, output, Math.floor(output * r() * 0.3),
      unpriced ? null : BigInt(input * 2500 + cached * 250 + output * 10000), unpriced ? null : m[5], unpriced ? 'unpriced' : 'priced'];
  };
  const CHUNK = 500_000;
  for (let done = 0; done < n; done += CHUNK) {
    const end = Math.min(n, done + CHUNK);
    transaction(db, () => {
      let i = done;
      for (; i + PER <= end; i += PER) {
        const args: unknown[] = [];
        for (let j = 0; j < PER; j++) args.push(...row(i + j));
        many.run(...args);
      }
      for (; i < end; i++) one.run(...row(i));
    });
  }
  // OpenAI and Anthropic bill every day per model: their estimates are covered, as with real cost exports.
  transaction(db, () => {
    let k = 0;
    for (let d = 0; d < DAYS; d++) {
      const day = addDays(LAST_DAY, -d);
      const ts = Date.parse(`${day}T00:00:00Z`);
      for (const m of MODELS) if (m[0] === 'openai' || m[0] === 'anthropic') cost.run(`c:${k++}`, ts, ts + 86_400_000, day, m[0], m[1], BigInt(Math.floor(r() * 5e10)));
    }
  });
  for (const ix of indexes) db.exec(ix.sql);
  engine.close();
  return { ms: performance.now() - t0 };
}

function time<T>(fn: () => T, runs = 3): { ms: number; value: T } {
  let best = Infinity;
  let value!: T;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = fn();
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, value };
}

/** A synthetic ledger of `n` facts at `dbPath` with its rollups built once (also used by bench/overview-paint.ts). */
export function buildLedger(dbPath: string, n: number): { gen: { ms: number }; roll: { ms: number } } {
  const gen = generate(dbPath, n);
  const engine = createEngine({ dbPath });
  const db = engine.ctx.db;
  const roll = time(() => transaction(db, () => rebuildDerived(db)), 1);
  engine.close();
  return { gen, roll };
}

const f = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

export const bench: Bench = {
  name: 'queries',
  summary: 'Overview and Explore queries through the rollups vs the naive GROUP BY over raw facts, at 1M and 10M facts',
  async run() {
    const sizes = (process.env.BENCH_FACTS ?? '1000000,10000000').split(',').map(Number);
    for (const n of sizes) {
      // BENCH_DB_DIR keeps the generated ledgers (and reuses them): bench/overview-paint.ts opens the same files.
      const keep = process.env.BENCH_DB_DIR;
      const dir = keep ?? mkdtempSync(join(tmpdir(), 'tokenledger-bench-'));
      try {
        const dbPath = join(dir, `ledger-${n}.sqlite`);
        const { gen, roll } = keep && existsSync(dbPath) ? { gen: { ms: NaN }, roll: { ms: NaN } } : buildLedger(dbPath, n);
        const engine = createEngine({ dbPath });
        const db = engine.ctx.db;
        const rollRows = (db.prepare('SELECT count(*) AS n FROM rollup_daily').get() as { n: number }).n;
        const hourlyRows = (db.prepare('SELECT count(*) AS n FROM rollup_hourly').get() as { n: number }).n;
        const narrowRows = (db.prepare('SELECT count(*) AS n FROM rollup_narrow').get() as { n: number }).n;
        const bytes = statSync(dbPath).size + (statSync(`${dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0);
        console.log(`\n${n.toLocaleString('en-US')} facts: ${Number.isNaN(gen.ms) ? 'reused from BENCH_DB_DIR' : `generated in ${(gen.ms / 1000).toFixed(1)} s, rollups rebuilt in ${(roll.ms / 1000).toFixed(1)} s`} (${rollRows.toLocaleString('en-US')} wide rows, ${narrowRows.toLocaleString('en-US')} narrow, ${hourlyRows.toLocaleString('en-US')} hourly), file ${(bytes / 1e9).toFixed(2)} GB`);

        const today = addDays(LAST_DAY, -10);
        const p = overviewPeriods(today, LAST_DAY);
        const overviewQueries = (source: 'rollup' | 'raw' | undefined, timeZone = 'UTC') => {
          const base = { timeZone, ...(source ? { source } : {}) };
          const cur = { ...base, from: p.current.from, to: p.current.to };
          const prev = { ...base, from: p.previous.from, to: p.previous.to };
          // What report.overview runs (two scans folded into every breakdown), and the totals' unpriced lists.
          aggregate(db, { ...cur, groupBy: ['vendor', 'origin_region', 'model', 'project', 'model_raw'], byDay: true });
          aggregate(db, { ...prev, groupBy: ['vendor', 'origin_region', 'model', 'project', 'model_raw'] });
        };
        const ovFull = time(() => overviewReport(engine.ctx, { today, timeZone: 'UTC', currency: 'USD' }));
        const ovRoll = time(() => overviewQueries('rollup'));
        const ovRaw = time(() => overviewQueries('raw'), 1);
        console.log(`  overview (report.overview, whole handler with the forecast and the unpriced usage, rollups): ${f(ovFull.ms)}`);
        // The month-end forecast: the budgets' status of everything, its amounts from the rollups (what the
        // Overview reads) vs from the facts (the budgets' reference path), the same figures asserted.
        const now = Date.parse(`${today}T23:59:59.999Z`);
        const fromRollups = time(() => monthForecast(db, { timeZone: 'UTC', currency: 'USD' }, now));
        const def = budgetDefinitionSchema.parse({ name: 'All', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '1', currency: 'USD' } });
        const fromFacts = time(() => computeBudgetStatus(db, def, { id: null, createdAt: now, now, source: { kind: 'raw' } }).status.forecast, 1);
        const same = fromFacts.value.status === 'ok' && fromRollups.value?.point === fromFacts.value.expected && fromRollups.value.low === fromFacts.value.low && fromRollups.value.high === fromFacts.value.high;
        if (!same) throw new Error(`the forecasts differ: ${JSON.stringify(fromRollups.value)} vs ${JSON.stringify(fromFacts.value)}`);
        console.log(`  month-end forecast: rollups ${f(fromRollups.ms)} vs raw facts ${f(fromFacts.ms)}  ratio ${(fromFacts.ms / fromRollups.ms).toFixed(1)}x (same figure: ${fromRollups.value!.point})`);
        console.log(`  overview queries: rollups ${f(ovRoll.ms)} vs naive ${f(ovRaw.ms)}  ratio ${(ovRaw.ms / ovRoll.ms).toFixed(1)}x`);
        // In a whole-hour zone report.overview reads the daily chart from rollup_hourly_spend and the
        // breakdowns from rollup_narrow with hourly rows only at the periods' edges; before that, both
        // periods grouped every rollup_hourly row of the period by local day (kept here as a reference).
        const tz = 'Asia/Shanghai';
        const ovTz = time(() => overviewReport(engine.ctx, { today, timeZone: tz, currency: 'USD' }));
        const ovTzRoll = time(() => {
          dailySpend(db, { timeZone: tz, from: p.current.from, to: p.current.to });
          aggregate(db, { timeZone: tz, from: p.current.from, to: p.current.to, groupBy: ['vendor', 'origin_region', 'model', 'project', 'model_raw'] });
          aggregate(db, { timeZone: tz, from: p.previous.from, to: p.previous.to, groupBy: ['vendor', 'origin_region', 'model', 'project', 'model_raw'] });
        });
        const ovTzHourly = time(() => {
          aggregate(db, { timeZone: tz, from: p.current.from, to: p.current.to, groupBy: ['vendor', 'origin_region', 'model', 'project', 'model_raw'], byDay: true });
          aggregate(db, { timeZone: tz, from: p.previous.from, to: p.previous.to, groupBy: ['vendor', 'origin_region', 'model', 'project', 'model_raw'], byDay: true });
        });
        const ovTzRaw = time(() => overviewQueries('raw', tz), 1);
        const hourlyScanned = (db.prepare('SELECT count(*) AS n FROM rollup_hourly WHERE (day >= ? AND day <= ?) OR (day >= ? AND day <= ?)').get(
          addDays(p.current.from, -1), addDays(p.current.to, 1), addDays(p.previous.from, -1), addDays(p.previous.to, 1)) as { n: number }).n;
        const slimScanned = (db.prepare('SELECT count(*) AS n FROM rollup_hourly_spend WHERE day >= ? AND day <= ?').get(addDays(p.current.from, -1), addDays(p.current.to, 1)) as { n: number }).n;
        console.log(`  overview in ${tz} (report.overview, whole handler): ${f(ovTz.ms)}`);
        console.log(`  overview queries in ${tz}: slim daily + narrow with hourly edges ${f(ovTzRoll.ms)} vs every hourly row (${hourlyScanned.toLocaleString('en-US')} rows; the path before) ${f(ovTzHourly.ms)}  ratio ${(ovTzHourly.ms / ovTzRoll.ms).toFixed(1)}x, vs naive ${f(ovTzRaw.ms)}  ratio ${(ovTzRaw.ms / ovTzRoll.ms).toFixed(1)}x (daily chart: ${slimScanned.toLocaleString('en-US')} slim rows)`);

        for (const [label, q] of [
          ['Explore model x project, last 90 days', { timeZone: 'UTC', from: addDays(LAST_DAY, -89), to: LAST_DAY, groupBy: ['model', 'project'] }],
          ['Explore vendor by week, whole year', { timeZone: 'UTC', from: addDays(LAST_DAY, -(DAYS - 1)), to: LAST_DAY, groupBy: ['vendor'], byDay: true }],
          ['Explore member, filter vendor=anthropic, year', { timeZone: 'UTC', groupBy: ['member'], filters: { vendor: ['anthropic'] } }],
        ] as [string, AggregateQuery][]) {
          const a = time(() => aggregate(db, { ...q, source: 'rollup' }));
          const b = time(() => aggregate(db, { ...q, source: 'raw' }), 1);
          console.log(`  ${label}: rollups ${f(a.ms)} vs naive ${f(b.ms)}  ratio ${(b.ms / a.ms).toFixed(1)}x`);
        }
        engine.close();
      } finally {
        if (!keep) rmSync(dir, { recursive: true, force: true });
      }
    }
  },
};

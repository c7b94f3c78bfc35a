/**
 * `npm run bench -- tips-budgets`: tips.list, budget evaluation (5 budgets, the ledger-change hook's
 * work after an import) and app.info's fact count at 1M and 10M synthetic facts (BENCH_FACTS to change),
 * each beside the naive path over the raw facts measured in the same run, as ratios; and whether both
 * paths give the same figures. Targets: tips < 300 ms at 1M and < 1 s at 10M; 5 budgets < 100 ms at 10M.
 *
 * Ledgers: BENCH_DB_DIR/ledger-<n>.sqlite when present (the files `npm run bench -- queries` keeps; opening
 * one migrates it, which builds the tips rollup: a minute or two at 10M), else generated in a temp dir.
 * The budgets are added for the run and removed after it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './run';
import { buildLedger } from './queries';
import { createEngine } from '../electron/engine';
import { get, transaction } from '../electron/engine/ledger/db';
import { sql } from '../electron/engine/ledger/sql';
import { insertBudget, deleteBudget } from '../electron/engine/budgets/store';
import { factCountFromDays, touchLedgerDays } from '../electron/engine/ledger/ledger-days';
import { listTips } from '../electron/engine/tips/service';
import { computeBudgetStatus } from '../electron/engine/budgets/status';
import { loadFxTable } from '../electron/engine/pricing/fx-store';
import { priceBookFor } from '../electron/engine/pricing/book';
import { budgetDefinitionSchema, type BudgetDefinition } from '../shared/domain/budgets/budget';

const f = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
const ratio = (naive: number, fast: number) => `ratio ${(naive / fast).toFixed(1)}x`;

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

/** Five budgets of the kinds a team sets: everything, a project, a key, a vendor's tokens, a region in a half-hour zone. */
const BUDGETS: BudgetDefinition[] = ([
  { name: 'All spend', period: { kind: 'month', timeZone: 'UTC' }, amount: { unit: 'money', value: '50000', currency: 'USD' } },
  { name: 'Web in Shanghai time', scope: { projects: ['web'] }, period: { kind: 'month', timeZone: 'Asia/Shanghai' }, amount: { unit: 'money', value: '8000', currency: 'USD' } },
  { name: 'Key k3-1 in LA', scope: { apiKeys: ['k3-1'] }, period: { kind: 'month', timeZone: 'America/Los_Angeles' }, amount: { unit: 'money', value: '9000', currency: 'EUR' } },
  { name: 'Anthropic tokens', scope: { vendors: ['anthropic'] }, period: { kind: 'month', timeZone: 'Europe/Berlin' }, amount: { unit: 'tokens', value: 90_000_000_000, tokenClass: 'total' } },
  { name: 'China in Kolkata time', scope: { regions: ['CN'] }, period: { kind: 'week', timeZone: 'Asia/Kolkata' }, amount: { unit: 'money', value: '3000', currency: 'USD' } },
] as unknown[]).map((b) => budgetDefinitionSchema.parse(b));

export const bench: Bench = {
  name: 'tips-budgets',
  summary: 'tips.list, 5 budget evaluations and app.info fact count through the rollups/cache vs the naive raw path, at 1M and 10M facts',
  async run() {
    const sizes = (process.env.BENCH_FACTS ?? '1000000,10000000').split(',').map(Number);
    for (const n of sizes) {
      const keep = process.env.BENCH_DB_DIR;
      const dir = keep ?? mkdtempSync(join(tmpdir(), 'tokenledger-bench-'));
      try {
        const dbPath = join(dir, `ledger-${n}.sqlite`);
        if (!(keep && existsSync(dbPath))) buildLedger(dbPath, n);
        const t0 = performance.now();
        const engine = createEngine({ dbPath });
        const db = engine.ctx.db;
        console.log(`\n${n.toLocaleString('en-US')} facts (opened in ${f(performance.now() - t0)}, migrations included)`);

        // tips.list: the latest month (2025-12) and its previous one.
        const fast = time(() => listTips(db, undefined, Date.now()));
        const naive = time(() => listTips(db, undefined, Date.now(), 'raw'), 1);
        const same = JSON.stringify(fast.value) === JSON.stringify(naive.value);
        console.log(`  tips.list (${fast.value.tips.length} tips): rollup ${f(fast.ms)} vs naive ${f(naive.ms)}  ${ratio(naive.ms, fast.ms)}  same figures: ${same ? 'yes' : 'NO'}`);

        // Budgets: what the ledger-change hook runs after an import, for 5 budgets, on 2025-12-20.
        const now = Date.parse('2025-12-20T12:00:00Z');
        const fx = loadFxTable(db);
        const book = priceBookFor(db);
        const ids = transaction(db, () => BUDGETS.map((b) => insertBudget(db, b, Date.parse('2025-01-01T00:00:00Z'))));
        try {
          const evalAll = (source: 'raw' | 'cache') =>
            ids.map((id, i) =>
              computeBudgetStatus(db, BUDGETS[i]!, {
                id,
                createdAt: Date.parse('2025-01-01T00:00:00Z'),
                now,
                fx,
                book,
                source: source === 'raw' ? { kind: 'raw' } : { kind: 'cache', budgetId: id, store: db },
              }).status,
            );
          const raw = time(() => evalAll('raw'), 1);
          const cold = time(() => evalAll('cache'), 1);
          const warm = time(() => evalAll('cache'));
          // An import of one day: refreshDerived bumps that day's version; the next evaluation re-reads it.
          const afterImport = time(() => {
            transaction(db, () => touchLedgerDays(db, ['2025-12-19']));
            return evalAll('cache');
          });
          const sameBudgets = JSON.stringify(raw.value) === JSON.stringify(afterImport.value) && JSON.stringify(raw.value) === JSON.stringify(cold.value);
          console.log(`  5 budgets after an import of one day: cache ${f(afterImport.ms)} vs naive ${f(raw.ms)}  ${ratio(raw.ms, afterImport.ms)}  same figures: ${sameBudgets ? 'yes' : 'NO'}`);
          console.log(`  5 budgets, nothing changed: cache ${f(warm.ms)} vs naive ${f(raw.ms)}  ${ratio(raw.ms, warm.ms)}; first evaluation (cold cache, stored) ${f(cold.ms)}`);
        } finally {
          transaction(db, () => {
            for (const id of ids) deleteBudget(db, id); // and its cache
          });
        }

        // app.info's fact count.
        const count = time(() => factCountFromDays(db), 5);
        const countRaw = time(() => get<{ n: number }>(db, sql`SELECT count(*) AS n FROM usage_facts`)!.n, 3);
        console.log(`  app.info factCount: rollup ${f(count.ms)} vs count(*) ${f(countRaw.ms)}  ${ratio(countRaw.ms, count.ms)}  same: ${count.value === countRaw.value ? 'yes' : 'NO'}`);
        engine.close();
      } finally {
        if (!keep) rmSync(dir, { recursive: true, force: true });
      }
    }
  },
};

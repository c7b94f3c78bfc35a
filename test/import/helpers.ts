/** Shared helpers for the import pipeline suites: temp ledgers, fixtures, full table dumps. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ApiClient } from '../../shared/contract';
import { parseDecimalToNano } from '../../shared/domain/money';
import { createEngine, type Engine } from '../../electron/engine';
import type { ApiEventName, ApiEvents } from '../../shared/contract/events';
import { ROW_COLUMNS, type RowColumn } from '../../electron/engine/ledger/facts';
import type { SqlValue } from '../../electron/engine/ledger/sql';
import { factRows, type FactRows } from '../../electron/engine/imports/fact-rows';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'exports');
export const fixture = (name: string) => join(FIXTURES, name);

export interface ExpectedTotals {
  input_uncached: number;
  cache_read: number;
  cache_write: number;
  output: number;
  reasoning_subset_of_output: number;
  requests: number;
  cost: string;
  currency: string | null;
  rows: number;
  /** 'recorded': the cost is the tool's own figure (a gateway's or agent's log), never a bill. */
  cost_kind?: 'recorded';
}
export const EXPECTED: Record<string, ExpectedTotals> = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'expected-totals.json'), 'utf8'),
) as Record<string, ExpectedTotals>;

export interface TestLedger {
  dir: string;
  dbPath: string;
  engine: Engine;
  api: ApiClient;
  events: Array<{ event: ApiEventName; payload: unknown }>;
  close(): void;
}

export function tempLedger(): TestLedger {
  const dir = mkdtempSync(join(tmpdir(), 'tokenledger-import-'));
  const dbPath = join(dir, 'ledger.sqlite');
  const events: TestLedger['events'] = [];
  const engine = createEngine({
    dbPath,
    onEvent: <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => events.push({ event, payload }),
  });
  const api = createClient({ invoke: (m, i) => engine.dispatch(m, i) });
  return {
    dir,
    dbPath,
    engine,
    api,
    events,
    close() {
      engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const TABLES: Record<string, string> = {
  usage_facts: 'id',
  fact_history: 'revised_by_batch_id, id',
  token_supersessions: 'superseding_batch_id, fact_id',
  fact_claims: 'fact_id, batch_id',
  import_batches: 'id',
  settings: 'key',
};

/** Every row of every ledger table, exact (integers as bigint). */
export function dumpTables(engine: Engine, only: readonly string[] = Object.keys(TABLES)): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of only) {
    out[t] = engine.ctx.db.prepare(`SELECT * FROM ${t} ORDER BY ${TABLES[t]}`).safeIntegers(true).all();
  }
  return out;
}

/** Total billed of one currency as nano (0 when the ledger has none). */
export function billedNano(billed: Record<string, string>, currency: string | null): bigint {
  if (currency === null) return Object.values(billed).reduce((s, v) => s + parseDecimalToNano(v), 0n);
  const v = billed[currency.toUpperCase()];
  return v === undefined ? 0n : parseDecimalToNano(v);
}

/** A large OpenRouter activity CSV (the fixture's header, generated rows) for progress, cancel and kill tests. */
export function writeLargeOpenRouterCsv(path: string, rows: number): void {
  const lines = readFileSync(fixture('openrouter-activity.csv'), 'utf8').split('\n');
  const header = lines[0]!;
  const template = lines[1]!.split(',');
  const out: string[] = [header];
  for (let i = 0; i < rows; i++) {
    const cells = [...template];
    cells[0] = `gen-big-${i}`;
    const t = new Date(Date.UTC(2025, 8, 1) + i * 1000).toISOString().replace('T', ' ').replace('Z', '');
    cells[1] = t;
    out.push(cells.join(','));
  }
  writeFileSync(path, out.join('\n') + '\n');
}

/** A fact as its usage_facts row's values by column (crafted chunks: fact-dims, left-out-facts). */
export type FactRow = Partial<Record<RowColumn, SqlValue>>;

/** An OpenRouter request of 100 input and 50 output tokens on 2025-09-08, but its identity and times. */
export const FACT_ROW_BASE: Readonly<FactRow> = Object.freeze({
  granularity: 'request',
  provider: 'openrouter',
  service_tier: 'standard',
  line_type: 'usage',
  counts_tokens: 1,
  day: '2025-09-08',
  input: 100,
  cache_read: 0,
  cache_write_5m: 0,
  cache_write_1h: 0,
  output: 50,
  reasoning: 0,
  requests: 1,
});

/** The facts as one chunk's rows (imports/fact-rows.ts), as the parser hands them on. */
export function rowsOf(facts: readonly FactRow[]): FactRows {
  const values: SqlValue[] = [];
  for (const f of facts) for (const c of ROW_COLUMNS) values.push(f[c] ?? null);
  return factRows(values, facts.length);
}

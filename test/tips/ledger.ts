/** Crafted ledgers for the tip rules: facts with known values inserted straight into a temp ledger. */
import { run, type WritableDb } from '../../electron/engine/ledger/db';
import { sql } from '../../electron/engine/ledger/sql';
import { rebuildDerived } from '../../electron/engine/ledger/derived';

export interface CraftedFact {
  at: string; // ISO instant of start
  granularity?: 'request' | 'hour' | 'day';
  provider: string;
  modelRaw: string;
  model: string;
  vendor?: string;
  region?: 'US' | 'CN' | 'EU' | 'other';
  host?: string;
  geo?: string;
  tier?: 'standard' | 'batch' | 'priority' | 'flex';
  project?: string;
  apiKey?: string;
  input?: number;
  cacheRead?: number;
  output?: number;
  reasoning?: number;
  requests?: number;
  /** Decimal amount the row states, e.g. '0.018'. */
  billed?: string;
  currency?: string;
}

let seq = 0;

export function insertFacts(db: WritableDb, facts: CraftedFact[]): number[] {
  run(db, sql`INSERT OR IGNORE INTO import_batches (id, created_at, file_name, sha256, format) VALUES (1, 0, 'crafted.csv', 'x', 'crafted')`);
  const ids: number[] = [];
  for (const f of facts) {
    const start = Date.parse(f.at);
    const g = f.granularity ?? 'day';
    const end = g === 'day' ? start + 86_400_000 : g === 'hour' ? start + 3_600_000 : start;
    const billedNano = f.billed === undefined ? null : BigInt(Math.round(Number(f.billed) * 1e6)) * 1000n;
    const r = run(
      db,
      sql`INSERT INTO usage_facts (batch_id, format, identity, start_ms, end_ms, day, granularity, provider, project, api_key,
            model_raw, model, model_family, vendor, origin_region, host, inference_geo, service_tier, line_type,
            input, cache_read, output, reasoning, requests, billed_nano, billed_currency, price_status)
          VALUES (1, 'crafted', ${`crafted-${++seq}`}, ${start}, ${end}, ${new Date(start).toISOString().slice(0, 10)}, ${g}, ${f.provider},
            ${f.project ?? null}, ${f.apiKey ?? null}, ${f.modelRaw}, ${f.model}, ${f.model}, ${f.vendor ?? null}, ${f.region ?? 'US'},
            ${f.host ?? null}, ${f.geo ?? null}, ${f.tier ?? 'standard'}, 'usage', ${f.input ?? 0}, ${f.cacheRead ?? 0}, ${f.output ?? 0},
            ${f.reasoning ?? 0}, ${f.requests ?? 0}, ${billedNano}, ${billedNano === null ? null : (f.currency ?? 'USD')}, 'unpriced')`,
    );
    ids.push(Number(r.lastInsertRowid));
  }
  rebuildDerived(db);
  return ids;
}
